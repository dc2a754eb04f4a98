import { render } from 'preact';
import { App } from './app/App.tsx';
import { session } from './identity/session.model.ts';
import './styles.css';

void session.load();

const root = document.getElementById('app');
if (!root) throw new Error('index.html is missing <div id="app">');
render(<App />, root);
