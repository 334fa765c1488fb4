import type { Router } from '@angular/router';
import type { SessionStage } from '@casustafel/contracts';
import { pathForStage, safeReturnPath } from '@casustafel/client/data-access';

/** After a sign-in step: the next step, or (complete) the page the user came for. */
export function continueSignIn(
  router: Router,
  stage: SessionStage,
  terug: string | null,
): Promise<boolean> {
  if (stage === 'complete') return router.navigateByUrl(safeReturnPath(terug));
  const path = pathForStage(stage);
  const back = safeReturnPath(terug);
  return router.navigate([path], { queryParams: back !== '/' ? { terug: back } : {} });
}
