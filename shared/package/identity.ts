/**
 * Trainees' identity across schools. An ID number leaves a school only as a keyed hash and its
 * last four characters (unless the school allows it in full); records of different schools
 * with the same key are one person, named by the earliest record's id.
 */
import type { RecordMeta, Trainee } from '../domain/records';
import type { Identity } from './read';

/** The person a group of linked trainee records is: the smallest id, i.e. the earliest UUIDv7. */
export function personIdOf(traineeIds: Iterable<string>): string {
  let min: string | undefined;
  for (const id of traineeIds) if (min === undefined || id < min) min = id;
  if (min === undefined) throw new Error('empty identity group');
  return min;
}

/** A record as a package row: its fields, who wrote this version, and for a trainee its identity. */
export function packageRow(record: RecordMeta, by: string, trainee?: { identity: Identity | null; plain: boolean }): Record<string, unknown> {
  const { ...row } = record as RecordMeta & Record<string, unknown>;
  row._by = by;
  if (trainee && !trainee.plain) {
    row.idNumber = '';
    if (trainee.identity) {
      row._idKey = trainee.identity.key;
      row._idLast4 = trainee.identity.last4;
    }
  }
  return row;
}

/**
 * An incoming trainee whose number was withheld keeps the local full number when both have the
 * same key: the same person, so the number is not "changed" to empty by a relayed copy.
 */
export function restoreIdNumber(incoming: Trainee, incomingKey: string | undefined, local: Trainee | undefined, localKey: string | undefined): Trainee {
  if (incoming.idNumber || !incomingKey || !local?.idNumber || incomingKey !== localKey) return incoming;
  return { ...incoming, idNumber: local.idNumber };
}
