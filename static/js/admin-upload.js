// The upload page: say how many files are on their way while the form posts, and refuse before sending
// what the server would refuse whole (more files or bytes than one upload may carry).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("upload-form");
  if (!form) return;
  const input = form.querySelector("input[type=file]");
  const status = document.getElementById("upload-progress");
  const maxFiles = Number(form.dataset.maxFiles);
  const maxBytes = Number(form.dataset.maxBytes);
  const say = (text, error) => {
    status.hidden = false;
    status.textContent = text;
    status.classList.toggle("errornote", error);
  };
  form.addEventListener("submit", (event) => {
    const files = Array.from(input.files || []);
    const bytes = files.reduce((sum, file) => sum + file.size, 0);
    if (files.length > maxFiles) {
      event.preventDefault();
      say(`一次最多上传 ${maxFiles} 个文件，这次选了 ${files.length} 个。请分几次上传。`, true);
      return;
    }
    if (bytes > maxBytes) {
      event.preventDefault();
      say(`一次上传的文件太大（${(bytes / 1048576).toFixed(1)} MB，上限 ${Math.floor(maxBytes / 1048576)} MB）。请分几次上传。`, true);
      return;
    }
    if (files.length) say(`正在上传并导入 ${files.length} 个文件，请稍候……`, false);
    form.querySelector("input[type=submit]").disabled = true;
  });
  // Back to this page from the results: the button works again.
  window.addEventListener("pageshow", () => {
    form.querySelector("input[type=submit]").disabled = false;
  });
});
