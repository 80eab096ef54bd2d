// Starts Swagger UI on /docs over the archive's own OpenAPI description (a file, not inline script,
// so the page keeps the Content-Security-Policy of every other page).
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
