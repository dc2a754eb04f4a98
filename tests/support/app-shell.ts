import type { Locator, Page } from 'playwright-core';

/** Below 1024 px the header keeps its sections behind "Menu" (web/src/app/Header.tsx). */
const isNarrow = (page: Page) => page.evaluate(() => !window.matchMedia('(min-width: 1024px)').matches);

/** Opens the header's "Menu" on a narrow screen; nothing to do on a wide one. */
export async function openNav(page: Page): Promise<void> {
  if (!(await isNarrow(page))) return;
  const menu = page.getByRole('button', { name: 'Menu', exact: true });
  if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
}

/** A link of the site's main navigation, at any width (the menu is opened first when needed). */
export async function navLink(page: Page, name: string | RegExp): Promise<Locator> {
  await openNav(page);
  return page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', typeof name === 'string' ? { name, exact: true } : { name });
}

/** Opens the account menu (public profile, My profile, Settings, Help, Admin, Sign out) and returns it. */
export async function accountMenu(page: Page): Promise<Locator> {
  const button = page.getByRole('button', { name: 'Account menu', exact: true });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  return page.locator('#account-menu');
}

/** Signs out through the account menu. */
export async function signOut(page: Page): Promise<void> {
  await (await accountMenu(page)).getByRole('button', { name: 'Sign out', exact: true }).click();
}

/** Closes the header's "Menu" if it is open, so it covers nothing on a narrow screen. */
export async function closeNav(page: Page): Promise<void> {
  if (!(await isNarrow(page))) return;
  const menu = page.getByRole('button', { name: 'Menu', exact: true });
  if ((await menu.getAttribute('aria-expanded')) === 'true') await page.keyboard.press('Escape');
}

/** Waits until the main navigation shows this link (a live badge, say), then closes the menu again. */
export async function waitForNavLink(page: Page, name: string | RegExp, timeout?: number): Promise<void> {
  await (await navLink(page, name)).waitFor(timeout === undefined ? {} : { timeout });
  await closeNav(page);
}
