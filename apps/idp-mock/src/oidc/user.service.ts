import { Injectable } from '@nestjs/common';
import { hashSecret, secretMatches } from '../secret-hash';
import { DEMO_USERS } from './demo-users';
import { UserRecord, UserRepository } from './user.repository';

export type User = Omit<UserRecord, 'passwordHash'>;

/** Used to spend the same scrypt work on an unknown username as on a wrong password. */
const UNKNOWN_USER_HASH = hashSecret('no such user');

@Injectable()
export class UserService {
  constructor(private readonly users: UserRepository) {}

  /** Registers the demo users; a stored password hash is kept while it matches. */
  async seedDemoUsers(): Promise<void> {
    for (const user of DEMO_USERS) {
      const stored = await this.users.find(user.username);
      await this.users.upsert({
        username: user.username,
        passwordHash: stored && secretMatches(user.password, stored.passwordHash) ? stored.passwordHash : hashSecret(user.password),
        name: user.name,
        email: user.email,
        roles: user.roles,
      });
    }
  }

  async find(username: string): Promise<User | undefined> {
    const stored = await this.users.find(username);
    return stored && withoutHash(stored);
  }

  async authenticate(username: string, password: string): Promise<User | undefined> {
    const stored = await this.users.find(username);
    const matches = secretMatches(password, stored?.passwordHash ?? UNKNOWN_USER_HASH);
    return stored && matches ? withoutHash(stored) : undefined;
  }
}

function withoutHash(user: UserRecord): User {
  return { username: user.username, name: user.name, email: user.email, roles: user.roles };
}
