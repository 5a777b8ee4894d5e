import { useState } from 'react';
import type { ConnectionTestResult } from '../../../../src/contract';
import { callResolver } from '../api';
import { useFlags } from '../flags';

/** "Test connection": the latest result, whether a test is running, and a flag when the test itself fails. */
export function useConnectionTest() {
  const flags = useFlags();
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<ConnectionTestResult | null>(null);

  /** Resolves to the result, or null when the test could not run (the flag says why). */
  const test = async (): Promise<ConnectionTestResult | null> => {
    setTesting(true);
    try {
      const answer = await callResolver('testConnection');
      setResult(answer);
      return answer;
    } catch (err) {
      flags.showError('The connection could not be tested', err);
      return null;
    } finally {
      setTesting(false);
    }
  };

  return { testing, result, test, clear: () => setResult(null) };
}
