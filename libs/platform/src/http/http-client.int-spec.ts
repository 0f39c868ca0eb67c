import { Controller, Get, Module } from '@nestjs/common';
import { RunningApp, startHttpApp } from './create-http-app';
import { HttpJsonClient, HttpUnavailableError } from './http-client';
import { Public } from './public.decorator';

@Public()
@Controller('ping')
class PingController {
  @Get()
  ping(): { pong: true } {
    return { pong: true };
  }
}

@Module({ controllers: [PingController] })
class PingModule {}

describe('HttpJsonClient (real HTTP)', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startHttpApp(PingModule, { name: 'ping', title: 'ping', description: 'ping', version: '0', port: 0 });
  });

  afterAll(() => app?.close());

  it('calls, and once closed refuses further calls at once as unavailable instead of hanging', async () => {
    const client = new HttpJsonClient({ name: 'ping', baseUrl: app.url, retries: 0 });
    expect(await client.get('/ping')).toEqual({ pong: true });
    await client.close();
    await expect(client.get('/ping')).rejects.toBeInstanceOf(HttpUnavailableError);
  });
});
