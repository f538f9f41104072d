export * from './codes';
export * from './medalliance-error';
export * from './format-error';
