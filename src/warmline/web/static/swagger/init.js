// warmline's API docs: Swagger UI with the CSRF token added to every request it sends.
(function () {
  "use strict";
  fetch("/api/session", { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (session) {
      window.ui = SwaggerUIBundle({
        url: "/openapi.json",
        dom_id: "#swagger-ui",
        deepLinking: true,
        presets: [SwaggerUIBundle.presets.apis],
        layout: "BaseLayout",
        requestInterceptor: function (request) {
          request.headers["X-CSRF-Token"] = session.csrf_token;
          return request;
        }
      });
    });
})();
