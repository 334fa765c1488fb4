import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { z } from 'zod';
import {
  type NetworkPerson,
  type Person,
  networkPersonInputSchema,
  personInputSchema,
  updatePersonSchema,
} from '@casustafel/contracts';
import { isValidBsn, maskBsn, normaliseBsn } from '@casustafel/domain';
import type { Actor } from '../../common/context/request-context';
import { RequestContext } from '../../common/context/request-context';
import type { SecretBox } from '../../common/crypto/secret-box';
import { invalid, invalidAt } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { validationIssues } from '../../common/validation/issue-path';
import { SECRET_BOX } from '../auth/auth.service';
import { CaseFileAccess } from './case-file-access';
import { HouseholdEntity, NetworkPersonEntity, PersonEntity } from './household.entity';

type NetworkInput = z.output<typeof networkPersonInputSchema>;
type PersonValues = z.output<typeof personInputSchema>;

const bsnContext = (personId: string) => `bsn:${personId}`;

/**
 * Parses a person payload. Any problem with the BSN (format, length, 11-proef) is reported as
 * `bsn-invalid`, never with the value. With `partial`, only the fields sent are returned.
 */
export function parsePersonInput(body: unknown, partial: boolean): Partial<PersonValues> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalidAt('', 'invalid_type');
  const schema = partial ? updatePersonSchema : personInputSchema;
  const result = schema.safeParse(body);
  if (!result.success) {
    throw invalid(
      validationIssues(result.error.issues, schema, (issue, path) =>
        path === 'bsn' ? 'bsn-invalid' : issue.code,
      ),
    );
  }
  const value = result.data as PersonValues;
  if (value.bsn !== null && value.bsn !== undefined) {
    const bsn = normaliseBsn(value.bsn);
    if (!isValidBsn(bsn)) throw invalidAt('bsn', 'bsn-invalid');
    value.bsn = bsn;
  }
  if (!partial) return value;
  const sent = new Set(Object.keys(body));
  return Object.fromEntries(
    Object.entries(value).filter(([key]) => sent.has(key)),
  ) as Partial<PersonValues>;
}

export function personView(p: PersonEntity, secrets: SecretBox): Person {
  return {
    id: p.id,
    givenName: p.givenName,
    familyName: p.familyName,
    role: p.role,
    dateOfBirth: p.dateOfBirth,
    phone: p.phone,
    email: p.email,
    bsnMasked: p.bsnSealed ? maskBsn(secrets.open(p.bsnSealed, bsnContext(p.id))) : null,
  };
}

export function networkPersonView(n: NetworkPersonEntity): NetworkPerson {
  return {
    id: n.id,
    name: n.name,
    relation: n.relation,
    relationDetail: n.relationDetail,
    phone: n.phone,
  };
}

/** The people in and around a household: its members (their BSN sealed) and its network. */
@Injectable()
export class HouseholdMembersService {
  constructor(
    @InjectRepository(HouseholdEntity) private readonly households: Repository<HouseholdEntity>,
    @InjectRepository(PersonEntity) private readonly persons: Repository<PersonEntity>,
    @InjectRepository(NetworkPersonEntity)
    private readonly network: Repository<NetworkPersonEntity>,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    private readonly access: CaseFileAccess,
    private readonly clock: Clock,
  ) {}

  async addPerson(actor: Actor, householdId: string, body: unknown): Promise<Person> {
    await this.access.household(actor, householdId, 'update', { type: 'person', id: null });
    const input = parsePersonInput(body, false) as PersonValues;
    const now = this.clock.now();
    const person = await this.persons.manager.transaction(async (tx) => {
      const saved = await tx.save(
        tx.create(PersonEntity, {
          householdId,
          givenName: input.givenName,
          familyName: input.familyName,
          role: input.role,
          dateOfBirth: input.dateOfBirth,
          phone: input.phone,
          email: input.email,
          bsnSealed: null,
          createdAt: now,
          updatedAt: now,
        }),
      );
      if (input.bsn) {
        saved.bsnSealed = this.secrets.seal(input.bsn, bsnContext(saved.id));
        await tx.save(saved);
      }
      return saved;
    });
    RequestContext.note({ objectId: person.id });
    await this.touch(householdId);
    return personView(person, this.secrets);
  }

  async updatePerson(actor: Actor, personId: string, body: unknown): Promise<Person> {
    const object = { type: 'person', id: personId };
    const person = await this.persons.findOneBy({ id: personId });
    if (!person) this.access.refuse(object);
    await this.access.household(actor, person.householdId, 'update', object);
    const input = parsePersonInput(body, true);
    if (input.givenName !== undefined) person.givenName = input.givenName;
    if (input.familyName !== undefined) person.familyName = input.familyName;
    if (input.role !== undefined) person.role = input.role;
    if (input.dateOfBirth !== undefined) person.dateOfBirth = input.dateOfBirth;
    if (input.phone !== undefined) person.phone = input.phone;
    if (input.email !== undefined) person.email = input.email;
    if (input.bsn !== undefined)
      person.bsnSealed =
        input.bsn === null ? null : this.secrets.seal(input.bsn, bsnContext(person.id));
    person.updatedAt = this.clock.now();
    const saved = await this.persons.save(person);
    await this.touch(person.householdId);
    return personView(saved, this.secrets);
  }

  async addNetworkPerson(
    actor: Actor,
    householdId: string,
    input: NetworkInput,
  ): Promise<NetworkPerson> {
    await this.access.household(actor, householdId, 'update', { type: 'network-person', id: null });
    const saved = await this.network.save(
      this.network.create({ householdId, ...input, createdAt: this.clock.now() }),
    );
    RequestContext.note({ objectId: saved.id });
    await this.touch(householdId);
    return networkPersonView(saved);
  }

  async removeNetworkPerson(actor: Actor, networkPersonId: string): Promise<void> {
    const object = { type: 'network-person', id: networkPersonId };
    const entry = await this.network.findOneBy({ id: networkPersonId });
    if (!entry) this.access.refuse(object);
    await this.access.household(actor, entry.householdId, 'update', object);
    await this.network.delete({ id: entry.id });
    await this.touch(entry.householdId);
  }

  private async touch(householdId: string): Promise<void> {
    await this.households.update({ id: householdId }, { updatedAt: this.clock.now() });
  }
}
