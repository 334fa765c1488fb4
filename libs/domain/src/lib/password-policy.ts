/**
 * Password policy (OWASP ASVS 5.0 V6.2, BIO2): at least 12 characters, at most 256, not a
 * commonly used password, not built from the account's own e-mail name, not one repeated
 * character. No composition rules (they push people to predictable patterns). Shared by the
 * api (enforcement) and the client (feedback while typing).
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Frequently used passwords of 12+ characters, lower case (from public breach top lists, NL and EN). */
const COMMON_PASSWORDS = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456123456',
  '111111111111',
  '000000000000',
  '123123123123',
  '121212121212',
  'qwertyuiopas',
  'qwertyuiop12',
  'qwertyuiop123',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'zaq12wsxcde3',
  'asdfghjkl123',
  'passwordpassword',
  'password1234',
  'password12345',
  'password123!',
  'passw0rd1234',
  'p@ssw0rd1234',
  'iloveyou1234',
  'welcome12345',
  'welcome123456',
  'letmein12345',
  'administrator',
  'administrator1',
  'admin1234567',
  'changeme1234',
  'trustno11234',
  'football1234',
  'baseball1234',
  'superman1234',
  'sunshine1234',
  'princess1234',
  'starwars1234',
  'wachtwoord12',
  'wachtwoord123',
  'wachtwoord1234',
  'wachtwoord!!',
  'wachtwoord01',
  'wachtwoord2024',
  'wachtwoord2025',
  'wachtwoord2026',
  'welkom123456',
  'welkomwelkom',
  'welkom2024!!',
  'welkom012345',
  'geheimgeheim',
  'geheim123456',
  'nederland123',
  'nederland2024',
  'amsterdam123',
  'rotterdam123',
  'voetbal12345',
  'ajax12345678',
  'feyenoord123',
  'hallohallo12',
  'ikhouvanjou1',
  'zomer2024!!!',
  'winter2024!!',
  'lente2025!!!',
  'herfst2025!!',
  'gemeente1234',
  'wijkteam1234',
  'casustafel12',
  'casustafel123',
  'voorbeeldstad',
  'voorbeeldstad1',
]);

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_email' | 'repetitive';

/** Problems with a candidate password; empty when it is acceptable. */
export function passwordProblems(password: string, email?: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(lower.replace(/[^a-z0-9]+$/, ''))) {
    problems.push('common');
  }
  const localPart = email?.split('@')[0]?.toLowerCase() ?? '';
  if (localPart.length >= 4 && lower.includes(localPart)) problems.push('contains_email');
  if (length > 0 && new Set(lower).size <= 2) problems.push('repetitive');
  return problems;
}
