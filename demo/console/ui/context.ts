// The console model, handed to every component without prop drilling.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ConsoleModel } from '../model/console';

export const ConsoleContext = createContext<ConsoleModel | null>(null);

export function useConsole(): ConsoleModel {
  const model = useContext(ConsoleContext);
  if (!model) throw new TypeError('useConsole() needs a <ConsoleContext.Provider>');
  return model;
}
