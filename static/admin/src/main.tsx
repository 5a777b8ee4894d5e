import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@atlaskit/css-reset';
import { App } from './App';
import { applyTheme } from './theme';
import './styles.css';

void applyTheme();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
