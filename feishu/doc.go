// Package feishu is the Feishu / Lark Contact v3 OpenAPI client used by the
// importer and the exporter, and the home of the API's wire types and error
// codes, which the local sandbox shares so that both sides speak one schema.
//
// The client is deliberately thin (net/http, one attempt per call, typed
// errors); pacing and retries belong to the Pacer, never to call sites.
package feishu
