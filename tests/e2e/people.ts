// Steps a visitor and an agent take in the browser, shared by the end-to-end tests.
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** The visitor opens the widget, asks the bot, and asks for a person. */
export async function visitorAsksForAPerson(visitor: Page, origin: string, question: string): Promise<void> {
  await visitor.goto(`${origin}/`);
  await visitor.getByRole('button', { name: 'Avaa chat' }).click();
  await visitor.getByRole('combobox', { name: 'Kysymyksesi' }).fill(question);
  await visitor.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }).click();
  await visitor.getByText('Asiakaspalvelija liittyy keskusteluun pian').waitFor();
}

/** The agent logs in to the console. */
export async function agentLogsIn(agent: Page, origin: string, password: string): Promise<void> {
  await agent.goto(`${origin}/console/`);
  await agent.getByLabel('Login').fill('demo');
  await agent.getByLabel('Password').fill(password);
  await agent.getByRole('button', { name: 'Log in' }).click();
}

/** The agent opens the queued conversation that starts with `question` and claims it; returns the transcript and composer. */
export async function agentClaims(agent: Page, question: string): Promise<{ transcript: Locator; reply: Locator }> {
  await agent.getByRole('navigation').getByText(question).first().click();
  await agent.getByRole('button', { name: 'Claim' }).click();
  const reply = agent.getByLabel('Message');
  await expect.poll(() => reply.isEnabled()).toBe(true);
  return { transcript: agent.getByRole('log', { name: 'Transcript' }), reply };
}

/** The visitor writes a chat message and sends it with Enter. */
export async function visitorSays(visitor: Page, text: string): Promise<void> {
  const box = visitor.getByRole('textbox', { name: 'Viesti' });
  await box.fill(text);
  await box.press('Enter');
}

/**
 * The agent closes the conversation. `unanswered`: the visitor wrote last (or is typing), so the
 * console asks first, and the agent says *Close anyway*.
 */
export async function agentCloses(agent: Page, { unanswered = false } = {}): Promise<void> {
  await agent.getByRole('button', { name: 'Close conversation' }).click();
  if (unanswered) await agent.getByRole('group', { name: /Close anyway\?$/ }).getByRole('button', { name: 'Close anyway' }).click();
}
