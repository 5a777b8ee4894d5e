/** `npm run bench:table`: renders the README's benchmark tables from bench/results without measuring anything. */
import { updateReadme } from './readmeTable';

updateReadme().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
