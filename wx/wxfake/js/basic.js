// Basic interfaces, and helpers of the other interface files.

// renameKeys moves the keys of obj named in names (old → new) to their
// new names, keeping the others.
function renameKeys(obj, names) {
  Object.keys(names).forEach(function (from) {
    if (from in obj) {
      obj[names[from]] = obj[from];
      delete obj[from];
    }
  });
  return obj;
}
