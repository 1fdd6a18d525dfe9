// Progressive enhancement only: without JavaScript the service is chosen from the select.
// accessible-autocomplete (alphagov) turns the select into a type-to-find box with the same name and id.
const select = document.querySelector('select[data-service-autocomplete]');
const autocomplete = globalThis.accessibleAutocomplete;
if (select && autocomplete) {
  autocomplete.enhanceSelectElement({ selectElement: select, defaultValue: '', showAllValues: true });
}
