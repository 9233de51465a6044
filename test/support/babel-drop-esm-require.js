// NestJS 12 ships ESM that declares `const require = createRequire(import.meta.url)`.
// Once Babel turns the file into CommonJS that declaration shadows the module's own
// `require` and is read before it is initialised, so drop it: CommonJS already has one.
module.exports = function dropEsmRequire() {
  return {
    name: 'drop-esm-require',
    visitor: {
      VariableDeclarator(path) {
        const { id, init } = path.node;
        const isCreateRequire = init && init.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'createRequire';
        if (id.type === 'Identifier' && id.name === 'require' && isCreateRequire) path.remove();
      },
    },
  };
};
