// The page's entry: connect to the host, build the app, draw it.
import './zod-config.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LoopscopeApp } from './app/loopscope-app.js';
import { pageStorage } from './app/native-preferences.js';
import { preferredTheme } from './app/theme.js';
import { AppContext } from './components/app-context.js';
import { App } from './components/App.js';
import { createTransport } from './transport/create-transport.js';
import './styles/app.css';

const app = new LoopscopeApp(createTransport(window), { theme: preferredTheme(window), storage: pageStorage(window) });
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppContext.Provider value={app}>
      <App />
    </AppContext.Provider>
  </StrictMode>,
);
void app.start();
window.addEventListener('pagehide', () => app.dispose());
