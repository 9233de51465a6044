import { Global, Module } from '@nestjs/common';
import { CredentialRevocationRepository } from './credential-revocation.repository';
import { CredentialRevocation } from './credential-revocation.service';

/** Global: accounts, team and auth all end credentials, and must do it the same way. */
@Global()
@Module({ providers: [CredentialRevocation, CredentialRevocationRepository], exports: [CredentialRevocation] })
export class RevocationModule {}
