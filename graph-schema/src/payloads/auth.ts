import { z } from 'zod';
import { Email } from '../common.js';
import { Role } from '../vocabulary.js';

export const LoginRequest = z.object({
  email: Email,
  password: z.string().min(1, { message: 'must not be empty' }).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const SessionUser = z.object({
  id: z.uuid(),
  email: z.string(),
  role: Role,
  practitionerId: z.uuid().nullable(),
  practitionerName: z.string().nullable(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const MeResponse = z.object({ user: SessionUser });
export type MeResponse = z.infer<typeof MeResponse>;
