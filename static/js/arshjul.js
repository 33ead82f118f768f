// When htmx has filled the month panel, move focus there, so that keyboard and screen reader
// users land on what the month segment they chose holds.
document.addEventListener("htmx:afterSwap", function (event) {
  if (event.detail.target.id === "manadspanel") {
    event.detail.target.focus();
  }
});
