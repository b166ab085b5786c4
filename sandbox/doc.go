// Package sandbox is a local stand-in for the Feishu (Lark) Contact v3
// OpenAPI: an HTTP server that answers the endpoints orgbatch uses with the
// documented paths, query parameters, fields, {code,msg,data} envelope,
// error codes and HTTP statuses, pagination, client_token idempotency and
// rate limits, plus injectable, seeded faults. It runs in-process for Go
// tests (New, Handler, Listen; sandboxtest.Start) and as
// "orgbatch sandbox serve". Sources: /work/shared/spec/contact-v3-facts.md
// and the Feishu pages it cites; wire types and codes come from package
// feishu.
//
// # What is modelled
//
//   - POST /open-apis/auth/v3/tenant_access_token/internal: one app
//     (Options.AppID/AppSecret). The answer has token and expire at the top
//     level. A token with 30 min or more left is handed out again; with less,
//     a new one is issued and the old stays valid until its own expiry.
//     expire is the seconds left on the token returned. Bad body or unknown
//     app_id: 10003; wrong secret: 10015. Tokens live in memory only: after
//     a restart clients must fetch a new one (old ones get 99991663).
//   - Every other /open-apis path needs "Authorization: Bearer t-...":
//     missing or malformed is 99991661, unknown, expired or revoked is
//     99991663, both with HTTP Options.AuthErrorStatus (UNCONFIRMED; 400).
//     Unknown paths answer 404/99991201 and known paths with another method
//     405/99991301, without a token check (they reveal nothing).
//   - Departments: create, PATCH, PUT, DELETE, GET one, GET batch, children
//     (fetch_child), parent, with main and deputy leaders, HRBPs and a
//     unit. Users: create, PATCH, DELETE, GET one, GET batch,
//     find_by_department, batch_get_id, with dotted-line leaders. Units:
//     create, PATCH, DELETE, GET one, list, bind and unbind a department,
//     list a unit's departments. The tenant's schema (see
//     below). GET /open-apis/tenant/v2/tenant/query: the
//     tenant's name (Options.TenantName), or, with Options.NoTenantScope,
//     99991672 as for an app without tenant:tenant:readonly.
//   - Both department ID types and all three user ID types, chosen by
//     department_id_type (default open_department_id) and user_id_type
//     (default open_id), in paths, bodies (parent_department_id,
//     department_ids, leader_user_id, orders) and answers. Answers always
//     carry department_id and open_department_id, or user_id, open_id and
//     union_id; references are written in the requested types. An invalid
//     ID type value is 40001. The root "0" is a real department in both
//     types, named Options.TenantName; PATCH, PUT and DELETE on it are 40002.
//   - member_count (distinct active users in the department or below) and
//     primary_member_count (active users whose primary department is the
//     department or below) are kept incrementally as users join, move,
//     resign, and as departments move. A user's primary department is the
//     one marked is_primary_dept in orders, else the first of
//     department_ids. Leaders count only if they are members.
//
// # Rules and codes
//
// Departments: name required (40016, HTTP 401 as documented), no "/" in the
// name or any i18n name (43029); parent_department_id required (44101; on
// PUT 40017), an unknown parent is 40015; custom department_id must match
// ^[a-zA-Z0-9][a-zA-Z0-9_\-@.]{0,63}$ and not start with od- or be 0 or 1
// (43008), and be unique among existing departments (43007, compared
// case-sensitively: the v2 case-insensitivity is UNCONFIRMED for v3); all
// name variants (name, zh_cn, ja_jp, en_us) are unique among siblings
// together: the name clashing with any sibling variant is 43022, an i18n
// name clashing is 43018; depth at most 25 with the root's children at 1
// (43019); at most 1,000 children (43013); order is a non-negative integer
// string (else 40001), unique among siblings (43005; the docs say "existing
// departments", the scope is UNCONFIRMED, siblings chosen), default after
// every sibling (largest sibling order + 1); an unknown leader is 41012, a
// resigned one 42006. A move (PATCH or PUT parent) under the department
// itself or a descendant is 40001, and rechecks breadth, depth (of the whole
// sub-tree), sibling names and order: a moved department keeps its order
// if free among its new siblings, else gets the next one. PATCH i18n_name
// replaces all three i18n names; leader_user_id "" clears the leader; a
// create_group_chat of true gives a department without one a chat_id, false
// removes nothing. PUT resets name,
// parent, i18n_name and leader, keeps order when omitted. DELETE needs no
// direct members (43011) and no sub-departments (43012), answers data {}.
// A deleted department is gone: GET is 40015 and its custom department_id
// and name may be reused (is_deleted=true is never shown; UNCONFIRMED).
// Every department write holds the tenant structure lock under
// Options.LockContention; one arriving meanwhile fails at once with 43024.
//
// Users: name required (41040) and at most 255 characters (41070); en_name
// and nickname at most 255 (41071, 41072); mobile required (41010) and valid
// (41004): a mainland number is 11 digits starting with 1, optionally
// prefixed +86 (stored and shown as +86...); any other number needs "+",
// a country code and digits, 8-15 digits in all, and a +86 number must be a
// mainland one; a non-mainland mobile needs an email (44020); email valid
// (41005); mobile (compared normalised), email (case-insensitive) and
// employee_no are unique among active users (41001, 41002, 44051) and are
// freed when a user resigns; department_ids required (41017), at most 50
// distinct (41033, repeats count once), each existing (44035: the code the
// PATCH page lists for an invalid department, used on create too);
// employee_type an enum_value of the tenant's (41059), active (41060); job_level_id and
// job_family_id an enabled level and family (44044, 44045); custom_attrs
// (see below); user_id at most
// 64 bytes (41043), no whitespace (40001), unique among all users, resigned
// ones included (41011), generated when omitted; gender 0-3 (41038); leader
// not the user (41030), existing (44022), active (44021); job_title at most
// 100 characters (41063, the error text wins over the field table's 255);
// city at most 100, work_station and employee_no at most 255 (40001);
// orders must name departments of the user (41025). PATCH changes only the
// fields sent and rechecks them; leader_user_id "" clears the leader; a
// resigned user is 42006, an unjoined one 44010; an unknown path ID is
// 41012. Leader cycles are not checked. DELETE resigns the user: status
// is_resigned, no departments (counts drop), GET and batch keep answering,
// find_by_department no longer lists them, batch_get_id finds them only with
// include_resigned. The answer is data {} (UNCONFIRMED for users); deleting
// a resigned user succeeds again without change. The transfer body is
// checked and recorded (see Offboarding). New users are neither activated
// nor frozen; SetUserStatus sets any status for tests.
//
// Batch endpoints take 1-50 IDs (else 40001), answer in request order and
// leave unknown IDs out (UNCONFIRMED: a partial answer rather than an
// error; Options.StrictBatch / --strict-batch makes an unknown ID fail the
// call with 99992379 or 99992353 instead, so clients can be tested against
// both). batch_get_id answers emails first, then mobiles, one entry each;
// a miss carries only the email or mobile as sent, no user_id and no status;
// more than 50 of either is 40001. find_by_department needs department_id
// (40001), lists direct active members in join order; an unknown department
// is 40015 (as is every unknown department outside department_ids).
//
// # The tenant's schema
//
// Options.Directory (or a state file's / JSON seed's "directory") holds
// the lists; without one the tenant has the five built-in employee types
// only. Sources: 通讯录 > 人员类型, 自定义用户字段, 职级, 序列, 职务, 工作城市
// and the SDK's models (facts-2 §9–12).
//
//   - GET /employee_type_enums (page 20, max 100, 40011): built-in types
//     first (enum_value 1–5, enum_type 1), then custom ones in creation
//     order. POST: content 1..100 and i18n values 1..100 (42303), enum_type
//     2 (1 is 40001: read-only), enum_status 1|2 (40001), content unique
//     among all types, built-in ones included (42301), an i18n value unique
//     among the other types' values of its locale (42302; UNCONFIRMED which
//     comparison Feishu makes); at most 255 custom types ever created
//     (42303; the page says deleted ones count). enum_value is the next
//     number after every type ever created (6, 7, …; UNCONFIRMED that
//     numbers of deleted types are not reused), enum_id a random
//     base64 string. PUT /employee_type_enums/:enum_id: the create body;
//     the enum_value stays; an unknown or built-in enum_id is 40001
//     (UNCONFIRMED: the page lists no code). Rate limits: POST 20/s; GET
//     and PUT are 特殊频控 (undocumented), tier 4 here. DELETE is not
//     served.
//   - GET /custom_attrs (page 20, 1..100, 40011/40012), 1000/min & 50/s:
//     the attributes seeded (the API cannot create them; every attribute
//     seeded counts as opened to the API — the admin's switch is modelled
//     by leaving them out). A seed's missing IDs are generated (C-…; option
//     IDs too); ENUMERATION and PICTURE_ENUM need options.
//   - GET /job_levels and /job_families (page 10, 1..50; name filters by
//     exact name); 10/s each, as are POST and PUT. A bad page_size is
//     40001: job_titles and work_cities list that code, these pages none
//     (UNCONFIRMED). Levels: name 1..255 (42303), unique as written
//     (42305; whether i18n names count is UNCONFIRMED), description ≤ 5,000
//     (42304), order 100..100000 (42308) and unique (42306), default after
//     the largest by 100 (UNCONFIRMED step), at most 10,000 (42300); status
//     required on create (40001); PUT leaves omitted fields unchanged, an
//     unknown ID is 42301 with HTTP 404. Families: name 1..100 (42404),
//     unique in the tenant (42406), description ≤ 5,000 (42405), a parent
//     that exists (42408) and is enabled (42409), no cycle (42407), at most
//     10 levels deep (42413; the number is UNCONFIRMED), at most 10,000
//     (42401); status required (42400); PUT as for levels, an unknown ID is
//     42402 with HTTP 404. The tenant-lock codes 42302/42403 are never
//     answered (writes are serialised). DELETE is not served.
//   - GET /job_titles and /work_cities (page 10, 1..50, 40001), 10 calls a
//     minute each: the seeded entries, plus every name a user write gave
//     that the tenant lacked, added enabled (user/create: "如果传入的职务名称
//     不存在，则系统会自动创建"), up to 10,000 each. A disabled entry a user
//     names is stored on the user as given (UNCONFIRMED: the partial-success
//     codes 44054–44059 for it are not modelled).
//   - Users' custom_attrs, on create and PATCH: id required (41044), an
//     attribute of the tenant (41045), a value (41046) in its type's shape:
//     TEXT text (41046) of at most 100 characters; HREF text (41047) and url
//     (41048), url and pc_url http(s); ENUMERATION and PICTURE_ENUM an
//     option_id of the attribute; GENERIC_USER generic_user.id a user_id of
//     the tenant (the patch page: only user_id, whatever user_id_type). A
//     type that is not the attribute's, an over-long text, a URL that is
//     not http(s), an unknown option or user are 40001 (UNCONFIRMED: no code
//     is listed). An attribute given twice keeps the last. PATCH replaces
//     the user's whole list (UNCONFIRMED: merge by id is as plausible; a
//     client sending the whole list is right either way). Reads return each
//     value with its read-only fields: option_value for options, and name
//     and picture_url (the option's image) for PICTURE_ENUM. A disabled job
//     level or family is refused like an unknown one (44044/44045;
//     UNCONFIRMED which code Feishu gives).
//   - Seeds and state files load users without their custom attributes
//     first and set the attributes once everyone exists (a GENERIC_USER may
//     point forward), as leaders are linked.
//   - With a state file, a job title or work city a user write creates is
//     logged beside the user (statelog.go); the schema's own writes (types,
//     levels, families: rare and rate-limited) name no entity, so the next
//     flush is a snapshot.
//
// # Offboarding
//
// DELETE /users/:id takes the optional resource-transfer body
// (feishu.UserDelete). Checked first, in this order: a tenant
// administrator (seeded with is_tenant_manager) is 44037; a user marked by
// SetLifecycleOnly (or lifecycle_only in a state file), whom the tenant
// lets go only through its lifecycle engine, is 44062; email_acceptor's
// processing_type must be 1, 2 or 3 (40001; the code is UNCONFIRMED), and
// 1 (transfer) without acceptor_user_id is 41052 (UNCONFIRMED: the docs
// only say it is needed); every acceptor ID must name another active user
// in the request's user_id_type (41052). Then the user resigns and who
// received each resource is recorded (Server.Handover, the state file's
// "resigned" list): the acceptor named, else — for documents, calendars,
// applications, minutes, surveys, email and anycross — the direct leader
// if active, else the documented fallback (calendars and surveys deleted,
// email retained, the rest kept under the user); chats without an
// acceptor go to their first member (HandFirstMember; who that is is not
// modelled). Departments the user leads keep naming them, and their
// reports keep them as leader_user_id (UNCONFIRMED: the docs say nothing
// of either; orgbatch offboard clears or reassigns the slots itself). The
// deletion time is kept for the 30-day resurrect window.
//
// POST /users/:id/resurrect (10/min, feishu.EPResurrect): an active user
// is 44033; a deletion more than 30 days ago (by Options.Now) is 44028; a
// mobile, email or employee_no an active user holds meanwhile is 44030,
// 44031 or 44051 (the last UNCONFIRMED); departments[] (at most 50, else
// 40001; each must exist, else 44035, UNCONFIRMED) are where the user
// returns, the one with the highest department_order primary; without
// any, the root. Admin roles (is_tenant_manager) and handed-over
// resources are not restored; the leader link is kept. 44029 (no access,
// editions), 44032 (user_id taken: user IDs are never reused here), 44034
// and 44042 (deletion or resurrection in progress: both are instant here)
// and seats (44046-44050) are not modelled.
//
// Resigned users and listings: GET /users/:id and GET /users/batch answer
// resigned users with status.is_resigned (the docs confirm the first,
// are silent on the second); find_by_department never lists them (the
// docs are silent, but say resignation drops the departments); batch_get_id
// finds them only with include_resigned. A department whose members have
// all resigned can be deleted (43011 counts active members only).
//
// Several people (department create/patch pages): leaders[] holds exactly
// one main leader (leaderType 1) and any deputies (2); no main, two mains,
// another type or an empty leaderID is 40001 (the docs require one main
// leader and name no code: UNCONFIRMED), a person twice 43016, and a
// leader_user_id given beside leaders must be its main leader (40001,
// UNCONFIRMED). Every leader must exist (41012), be active (42006) and have
// joined (43025). On PATCH a non-empty leaders list replaces main and
// deputies and an empty one clears both; leader_user_id alone changes the
// main leader and keeps the deputies (one who becomes main stops being a
// deputy), and "" clears main and deputies, since deputies without a main
// leader are not allowed (UNCONFIRMED both). PUT resets the leaders like
// any omitted field, and keeps department_hrbps (not a PUT field,
// UNCONFIRMED). department_hrbps: at most 500, each an existing active user
// (else 43028); on PATCH the list replaces, [] clears; a person listed
// twice is kept once (UNCONFIRMED). Answers list leaders main first, then
// deputies in the order set, and department_hrbps in the order set.
// dotted_line_leader_user_ids on users (create, PATCH replaces, [] clears:
// UNCONFIRMED) take the direct leader's codes, as the pages list none for
// them (UNCONFIRMED): the user themself 41030, unknown 44022, resigned
// 44021; a person twice is kept once. Leaders, deputies, HRBPs and
// dotted-line leaders who resign stay where they are, as leader_user_id
// does.
//
// Units (server-docs/contact-v3/unit): create (unit_id optional: 1-64
// letters and digits, else 43051; generated as U + 15 hex digits when
// omitted, UNCONFIRMED format; taken 43056), name and unit_type 1-100
// characters (43052, 43053), name and type not both taken (43055), at most
// 1,000 units (43059); PATCH renames (name required, 43052; 43055); DELETE;
// GET one; GET /unit lists in creation order under "unitlist" (page_size
// default 50, max 100); bind_department / unbind_department take unit_id,
// department_id and the body's department_id_type (default
// open_department_id; the query's is not used, UNCONFIRMED); an unknown
// unit is 43051, an unknown department or the root 43058, a department
// bound to another unit 43054, a unit with 1,000 departments 43017 (the
// code department create lists; UNCONFIRMED for bind). Binding a
// department to the unit it has, or unbinding one that is not bound to
// that unit, succeeds without change (UNCONFIRMED). list_department lists
// the unit's departments in binding order under "departmentlist" (unknown
// or missing unit_id 43051). Departments answer unit_ids with their unit;
// department create takes unit_ids (more than one, or an unknown unit, is
// 43004; a full unit 43017). Deleting a department unbinds it; deleting a
// unit unbinds its departments (the docs list only 43057 for delete, which
// is not modelled: UNCONFIRMED). Options.NoEnterprise (sandbox serve
// --no-enterprise-edition) models a tenant without the enterprise
// edition: every unit endpoint answers 43050 (documented for create, bind
// and unbind; the same for patch, delete, get, list and list_department is
// UNCONFIRMED), department create with unit_ids is 43004, and a seed or
// state file with units does not load.
//
// # Pagination
//
// page_size outside 1..max or not a number is 40011. page_token is opaque:
// base64url of an offset and an HMAC over the listing (endpoint, department,
// fetch_child) with a per-process key; anything else, a token of another
// listing, or a token from before a restart is 40012. The last page has
// has_more=false and no page_token. Offsets are not snapshots: a listing that
// changes between pages may skip or repeat items (UNCONFIRMED how Feishu
// behaves). children with fetch_child=true lists every descendant
// breadth-first, siblings in display order (order, then creation); this is
// recomputed per page, O(sub-tree) (UNCONFIRMED ordering). parent lists
// ancestors child to parent, root excluded.
//
// # client_token
//
// POST /departments and POST /users honour client_token. A create that
// succeeds with a token records the body's canonical JSON (keys sorted,
// numbers as written) plus department_id_type and user_id_type. The same
// token with the same fingerprint answers code 0 with the entity as it is
// now and creates nothing; with another fingerprint it is 40021; if the
// department has since been deleted it is 40015. A failed create records
// nothing. Records are kept Options.IdempotencyTTL (default 24h) and are
// part of the state file. Replay and retention are UNCONFIRMED in the docs.
//
// # Rate limits
//
// Per app and endpoint, every window of DocumentedLimits (or
// Options.Limits) counted as fixed windows aligned to the server clock
// (Options.Now; the window type is UNCONFIRMED). A PATCH user whose body
// has department_ids or is_frozen draws also on EPPatchUserDept (1/s).
// Over the limit: HTTP 429, {"code":99991400,"msg":"request trigger
// frequency limit"}, x-ogw-ratelimit-limit (the full window's cap) and
// x-ogw-ratelimit-reset (seconds until it resets: whole seconds rounded up
// at scale 1, with millisecond decimals such as 0.035 when scaled). Refused
// calls do no work and use no quota. Options.RateScale divides window
// lengths (feishu.Limit.Scaled); 0 turns limits off. The token endpoint
// has no documented limit and none here.
//
// # Faults
//
// Drawn per request from a math/rand/v2 PCG seeded with FaultSeed, behind
// a mutex, in a fixed order (jitter, 5xx, drop-before, drop-after, token
// expiry; each only when enabled): the same seed and request order give the
// same faults. Latency (+ jitter) applies after the token and rate-limit
// checks, while a department write holds the structure lock. A 5xx fault
// answers 500 with {"code":40003,"msg":"internal error"} or 502/503 with a
// plain-text body (a gateway's), before any work. Drops hijack the
// connection and close it without an answer: drop-before does no work,
// drop-after applies the write (and persists it) first. Token expiry
// revokes the presented valid token (99991663 now and later; the token
// endpoint then issues a new one). Admin endpoints are exempt.
//
// # State
//
// In memory, guarded by one RWMutex; indexes by every ID type, per-parent
// child lists with order and name indexes, member lists, so requests are
// O(1)/O(log n) in tenant size except moves (O(sub-tree)) and fetch_child
// listings. With Options.StatePath the state is loaded at start if the
// file exists: a JSON snapshot (StateFile) plus a log beside it
// (StatePath+".log"). Every write appends the entities it changed to the
// log, fsynced before its answer; writes are group-committed (concurrent
// writes share one fsync) and cost what they changed, not the tenant. When
// the log outgrows the snapshot, and at Close/Shutdown, the whole state is
// written to StatePath (temp file in the same directory, fsync, rename,
// fsync directory) and the log emptied; loading replays the log's lines
// newer than the snapshot and drops a torn last line. Readers may see a
// write before it is on disk.
// A write that cannot name the entities it changed (units, offboarding)
// makes the next flush a snapshot.
// Options.SeedPath loads a JSON seed (StateFile format: open IDs optional;
// units first, then departments, users, and last the people they name)
// or, through Options.SeedLoader, a sheet, when no state file exists;
// seeds pass the API's rules and errors name the entity. Rate-limit
// windows are counted fixed (Options.RateWindows, shifted by
// RateWindowOffset) or sliding (the strictest reading). Admin endpoints
// (no token, loopback by default): GET /_sandbox/stats, POST
// /_sandbox/reset-stats, GET /_sandbox/state. Neither the state file nor
// the dump holds the app secret or access tokens.
//
// # Not modelled
//
// App contact scopes and field permissions (40004, 41050...; only the
// tenant query's scope has a switch, Options.NoTenantScope), user access
// tokens and POST /departments/search, deleting employee types, job levels
// or families, GET one job level, family, title or city, department chats
// beyond a chat_id, group_chat_employee_types, the custom-attribute API
// switch (an attribute not opened is simply not seeded), avatars,
// enterprise email, invitations and activation, seats and licences, the
// monthly quota, tenant-wide caps (30,000 departments, 10,000 members per
// department), update_department_id, update_user_id, PUT users,
// partial-success codes (44054-44059), the 43030/44025 update locks, Lark
// specifics (44018), and multiple apps or tenants.
package sandbox
