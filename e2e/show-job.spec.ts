/**
 * A click on a job's desktop notification ('app:show-job') brings that job's row into view: the right
 * screen, the row highlighted (aria-current), scrolled to and focused, in English and in German. The
 * event comes from the Electron shell; here the first event stream after a reload carries it (the
 * page cannot tell who sent it), later streams are the bridge's own.
 */
import type { Page } from '@playwright/test';
import { expect, finishedJob, screen, test } from './fixtures.js';

async function clickNotification(page: Page, jobId: string) {
  let sent = false;
  await page.route('**/api/events*', async (route) => {
    if (sent) return route.fallback();
    sent = true;
    await route.fulfill({
      status: 200,
      headers: { 'content-type': 'text/event-stream; charset=utf-8' },
      body: `retry: 300\nevent: app:show-job\ndata: ${JSON.stringify({ jobId })}\n\n`,
    });
  });
  await page.reload();
}

for (const lang of ['en', 'de'] as const) {
  test(`a notification click selects and scrolls to its job (${lang})`, async ({ page, world }, info) => {
    await page.setViewportSize({ width: 900, height: 420 });
    await finishedJob(page, world);
    const [job] = await world.web.service.listJobs();
    if (lang === 'de') world.web.runtime.settings.update({ locale: 'de' });
    // Somewhere else first: the click must switch screens too.
    await page
      .getByRole('navigation')
      .getByRole('button', { name: lang === 'de' ? 'Start' : 'Home' })
      .click();
    await clickNotification(page, job!.id);

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(lang === 'de' ? 'Projekte' : 'Projects');
    const row = page.getByTestId('project-row').filter({ hasText: job!.projectName });
    await expect(row).toHaveAttribute('aria-current', 'true');
    await expect(row).toBeFocused();
    await expect(row).toBeInViewport();
    await screen(page, `show-job-${lang}`);
    await info.attach(`show-job-${lang}`, { body: await page.screenshot(), contentType: 'image/png' });

    // Going elsewhere by hand ends the highlight.
    await page
      .getByRole('navigation')
      .getByRole('button', { name: lang === 'de' ? 'Start' : 'Home' })
      .click();
    await page
      .getByRole('navigation')
      .getByRole('button', { name: lang === 'de' ? 'Projekte' : 'Projects' })
      .click();
    await expect(row).not.toHaveAttribute('aria-current', 'true');
  });
}
