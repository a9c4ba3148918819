import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { loginAs, NATIONAL, persistAccount } from '../factories/accounts';
import { startTestApp, type TestApp } from '../setup/test-app';

/** A real SMTP conversation with a local server: emails leave the outbox as "sent". */
describe('emails through SMTP (HTTP, real database, local SMTP server)', () => {
  let t: TestApp;
  let server: SMTPServer;
  const received: { to: string[]; body: string }[] = [];

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let body = '';
        stream.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'TDB <tdb@test.tdb>' });
  });

  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends the password reset email and records it as sent', async () => {
    const user = await persistAccount(t.dataSource, [NATIONAL]);
    await request(t.http).post('/api/auth/forgot-password').send({ email: user.email }).expect(202);
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual([user.email]);
    expect(received[0]!.body).toMatch(/jeton=/);
    const emails = await request(t.http)
      .get('/api/emails')
      .set('Authorization', await loginAs(t.http, user.email))
      .expect(200);
    expect(emails.body[0]).toMatchObject({ to: user.email, status: 'sent' });
  });
});
