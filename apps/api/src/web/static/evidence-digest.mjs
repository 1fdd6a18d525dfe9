// Progressive enhancement: a document's SHA-256 digest worked out from the chosen file, in the browser.
// The file is read here and never sent: only its name and digest go with the form. Without JavaScript
// (or without Web Crypto) the name and digest are typed as before.
//
// Markup: <div data-evidence-digest data-name-input="ID" data-digest-input="ID"> around the two inputs.

const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

function enhance(group) {
  const nameInput = document.getElementById(group.dataset.nameInput);
  const digestInput = document.getElementById(group.dataset.digestInput);
  if (!nameInput || !digestInput || !window.crypto?.subtle) return;

  const id = `${group.dataset.digestInput}-file`;
  const wrapper = document.createElement('div');
  wrapper.className = 'govuk-form-group';
  const label = document.createElement('label');
  label.className = 'govuk-label';
  label.htmlFor = id;
  label.textContent = 'Choose the document to work out its name and digest (optional)';
  const hint = document.createElement('div');
  hint.className = 'govuk-hint';
  hint.id = `${id}-hint`;
  hint.textContent = 'The document stays on this computer: only its name and SHA-256 digest are sent.';
  const input = document.createElement('input');
  input.type = 'file';
  input.id = id;
  input.className = 'govuk-file-upload';
  input.setAttribute('aria-describedby', hint.id);
  // Never sent: the input has no name, so the form carries only the name and digest fields.
  const status = document.createElement('p');
  status.className = 'govuk-body-s app-file-digest__status';
  status.setAttribute('role', 'status');
  status.id = `${id}-status`;
  wrapper.append(label, hint, input);
  group.prepend(wrapper);
  group.append(status);

  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    status.textContent = `Working out the digest of ${file.name}…`;
    try {
      const digest = hex(await window.crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
      nameInput.value = file.name;
      digestInput.value = digest;
      status.textContent = `Name and digest filled in from ${file.name}.`;
    } catch {
      status.textContent = `The digest of ${file.name} could not be worked out here: type it instead.`;
    }
  });
}

document.querySelectorAll('[data-evidence-digest]').forEach(enhance);
