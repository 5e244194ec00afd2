// The report's "Print" button; no inline scripts are allowed by the Content-Security-Policy.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.addEventListener("click", () => window.print());
  }
});
