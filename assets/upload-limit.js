// A file over the upload limit never reaches the server: the upload box drops it in the
// browser and no callback runs. Say so, naming each file, its size and the limit.
(function () {
    function limitBytes() {
        var hint = document.getElementById('upload-hint');
        var n = hint ? parseInt(hint.getAttribute('data-max-bytes'), 10) : NaN;
        return isNaN(n) ? null : n;
    }
    function mb(bytes) {
        return (bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 3 : 1) + ' MB';
    }
    function check(files) {
        var limit = limitBytes();
        var box = document.getElementById('upload-refused');
        if (limit === null || !box || !files) { return; }
        var refused = [];
        for (var i = 0; i < files.length; i++) {
            if (files[i].size > limit) {
                refused.push(files[i].name + ' was not added: ' + mb(files[i].size) +
                             ' is over the limit of ' + mb(limit) + ' per file.');
            }
        }
        box.textContent = refused.join(' ');
    }
    function inUpload(target) {
        var upload = document.getElementById('upload');
        return upload && target instanceof Node && upload.contains(target);
    }
    // capture phase: seen before the upload box handles (and empties) the file list
    document.addEventListener('change', function (event) {
        if (inUpload(event.target) && event.target.files) { check(event.target.files); }
    }, true);
    document.addEventListener('drop', function (event) {
        if (inUpload(event.target) && event.dataTransfer) { check(event.dataTransfer.files); }
    }, true);
})();
