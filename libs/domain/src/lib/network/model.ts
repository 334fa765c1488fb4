/**
 * The shape of a household's network map as the layout and drawing code read it. The same
 * fields as `NetworkMap` in `@casustafel/contracts` (which validates it with zod); declared
 * here because contracts depends on this library, not the other way round.
 */
export type GenderModel = 'man' | 'vrouw' | 'anders' | 'onbekend';

export interface MapPersonModel {
  id: string;
  kind: 'member' | 'network';
  name: string;
  role: string;
  relationDetail: string | null;
  gender: GenderModel;
  birthYear: number | null;
  deceased: boolean;
  deathYear: number | null;
  indexPerson: boolean;
  mapOnly: boolean;
}

export interface PartnershipLinkModel {
  id: string;
  kind: 'partnership';
  from: string;
  to: string;
  status: 'getrouwd' | 'samenwonend' | 'uit-elkaar' | 'gescheiden';
  startYear: number | null;
  endYear: number | null;
}

export interface ChildLinkModel {
  id: string;
  kind: 'child';
  from: string;
  to: string;
  childType: 'biologisch' | 'geadopteerd' | 'pleeg';
  twinGroup: string | null;
}

export type EmotionModel = 'hecht' | 'conflict' | 'afstandelijk' | 'verbroken' | 'misbruik';

export interface EmotionalLinkModel {
  id: string;
  kind: 'emotional';
  from: string;
  to: string;
  emotion: EmotionModel;
  directed: boolean;
}

export type GenogramLinkModel = PartnershipLinkModel | ChildLinkModel | EmotionalLinkModel;

export type EcoCategoryModel =
  | 'school'
  | 'werk'
  | 'huisarts'
  | 'ggz'
  | 'vrienden'
  | 'geloof'
  | 'sport'
  | 'buren'
  | 'vrijwilligers'
  | 'familie'
  | 'hulpverlening'
  | 'overig';
export type TieStrengthModel = 'sterk' | 'zwak' | 'wankel' | 'stressvol';

export interface EcoTieModel {
  id: string;
  category: EcoCategoryModel;
  label: string;
  networkPersonId: string | null;
  strength: TieStrengthModel;
  energy: 'naar-huishouden' | 'van-huishouden' | 'wederzijds' | 'geen';
  codes: ('P' | 'G' | 'A' | 'E')[];
}

export interface NetworkMapModel {
  householdId: string;
  householdLabel: string;
  revision: number;
  persons: MapPersonModel[];
  links: GenogramLinkModel[];
  ties: EcoTieModel[];
}
