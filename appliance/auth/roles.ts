/** Roles in ascending power. A route names the least role it needs. */
export const roles = ['viewer', 'editor', 'admin', 'owner'] as const;
export type Role = (typeof roles)[number];

const rank: Record<Role, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 };

export const roleAtLeast = (have: Role, need: Role): boolean => rank[have] >= rank[need];
export const isRole = (v: string): v is Role => (roles as readonly string[]).includes(v);
