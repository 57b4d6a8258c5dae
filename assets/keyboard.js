// Escape closes the document viewer; opening it moves focus to its Close button.
(function () {
    document.addEventListener('keydown', function (event) {
        if (event.key !== 'Escape') { return; }
        var modal = document.getElementById('doc-modal');
        if (modal && modal.style.display !== 'none') {
            document.getElementById('doc-close').click();
        }
    });
    var observer = new MutationObserver(function () {
        var modal = document.getElementById('doc-modal');
        if (modal && modal.style.display !== 'none' && !modal.contains(document.activeElement)) {
            var close = document.getElementById('doc-close');
            if (close) { close.focus(); }
        }
    });
    document.addEventListener('DOMContentLoaded', function () {
        observer.observe(document.body, {subtree: true, attributes: true, attributeFilter: ['style']});
    });
})();
