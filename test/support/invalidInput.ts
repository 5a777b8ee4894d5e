import { InvalidInputError } from '../../src/domain/invalidInput';

/** The InvalidInputError `call` is refused with; any other outcome fails the test, saying what happened instead. */
export async function invalidInputOf(call: Promise<unknown>): Promise<InvalidInputError> {
  const error = await call.catch((e: unknown) => e);
  if (!(error instanceof InvalidInputError)) {
    throw new Error(`expected an InvalidInputError, got ${String(error)}`);
  }
  return error;
}

/** The field `call` is refused naming. */
export async function refusedField(call: Promise<unknown>): Promise<string | undefined> {
  return (await invalidInputOf(call)).field;
}
