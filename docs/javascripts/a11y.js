// Accessibility fixes to Material's own markup, where no template block reaches it
// (the header's search dialog and the instant-navigation progress bar).
// Checked by axe-core in tests/browser/test_accessibility.py.
;(() => {
  // The search overlay is a dialog: screen readers announce it by this name.
  for (const dialog of document.querySelectorAll(".md-search[role=dialog]"))
    dialog.setAttribute("aria-label", "Search")
  // The thin loading bar of instant navigation is decoration; the page's own
  // content announces itself when it arrives.
  for (const bar of document.querySelectorAll(".md-progress"))
    bar.setAttribute("aria-hidden", "true")
})()
