export const resolver = 1; export const scheduled=1; export const jobs=1;
