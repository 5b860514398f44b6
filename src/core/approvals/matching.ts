/**
 * Assigns approvers to seats so that each person fills at most one seat across all requirements of a
 * change: "2 from cab and 1 from service-owner" needs three different people, even when one of them
 * is in both teams. A maximum bipartite matching finds the best assignment whatever the review order.
 */

/**
 * @param approvers people (their keys) in the order their approvals came in (earlier wins ties)
 * @param seats for each requirement, how many seats and who may fill them
 * @returns for each requirement, the people assigned to it
 */
export function assignSeats(approvers: readonly string[], seats: ReadonlyArray<{ count: number; members: ReadonlySet<string> }>): string[][] {
  const slots: number[] = [];
  seats.forEach((s, i) => {
    for (let k = 0; k < s.count; k++) slots.push(i);
  });
  const holder: Array<string | undefined> = slots.map(() => undefined);

  const tryAssign = (login: string, seen: Set<number>): boolean => {
    for (let j = 0; j < slots.length; j++) {
      if (seen.has(j) || !seats[slots[j]!]!.members.has(login)) continue;
      seen.add(j);
      const current = holder[j];
      if (current === undefined || tryAssign(current, seen)) {
        holder[j] = login;
        return true;
      }
    }
    return false;
  };
  for (const login of approvers) tryAssign(login, new Set());

  const out: string[][] = seats.map(() => []);
  holder.forEach((login, j) => {
    if (login !== undefined) out[slots[j]!]!.push(login);
  });
  return out;
}
