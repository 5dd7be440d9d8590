import { describe, expect, it } from 'vitest';
import { roleCan, safeRedirect } from './session';

describe('session helpers', () => {
  it('follows only same-site paths after sign-in', () => {
    expect(safeRedirect('/entry?region=510114&period=2015-03')).toBe('/entry?region=510114&period=2015-03');
    expect(safeRedirect(['/review'])).toBe('/review');
    expect(safeRedirect('//evil.example/x')).toBe('/');
    expect(safeRedirect('https://evil.example/')).toBe('/');
    expect(safeRedirect('/login?redirect=/entry')).toBe('/');
    expect(safeRedirect(undefined)).toBe('/');
  });
  it('shows each page to the roles the server lets use it', () => {
    expect(roleCan('REPORTER', 'enter')).toBe(true);
    expect(roleCan('APPROVER', 'enter')).toBe(false);
    expect(roleCan('APPROVER', 'approve')).toBe(true);
    expect(roleCan('ANALYST', 'review')).toBe(true);
    expect(roleCan('ANALYST', 'approve')).toBe(false);
    expect(roleCan('VIEWER', 'history')).toBe(false);
    expect(roleCan('ADMIN', 'users')).toBe(true);
    expect(roleCan('ANALYST', 'embeds')).toBe(true);
    expect(roleCan('APPROVER', 'embeds')).toBe(false);
    expect(roleCan(undefined, 'enter')).toBe(false);
  });
});
