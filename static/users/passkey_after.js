// After a passkey is registered, go on to the page its button names (data-after): the
// library's script only reports the success (users/templates: passkey_register.html).
document.addEventListener("otp_webauthn.register_complete", () => {
  const button = document.getElementById("passkey-register-button");
  window.location.assign((button && button.dataset.after) || window.location.href);
});
