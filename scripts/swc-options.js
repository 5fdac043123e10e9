// The one SWC configuration for TypeScript → CommonJS: used by jest (@swc/jest) and by `npm run build`
// (scripts/build.js), so the JavaScript that ships is compiled exactly like the JavaScript the tests run.
// Legacy decorators with decorator metadata: NestJS dependency injection and TypeORM entities read it.
module.exports = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};
