// The page's entry: the only module that acts on import.
import { start } from './start';

const root = document.getElementById('app');
if (root) start(root);
