#!/usr/bin/env python3
"""Transcribes the Synerise IAM API reference into api/openapi.yaml.

The reference (shared/seeds/001_*.txt, with the endpoint index 000_*.txt) lists every endpoint with
tables of parameters and body fields; this script reads those tables mechanically, so that no field,
type, enum or required flag is lost in a hand copy, and adds what the reference leaves open (answer
bodies, the role-PII body, extra statuses) as marked assumptions.

Usage: scripts/openapi-from-reference.py SEEDS_DIR OUTPUT   (make openapi)
"""
import re, json, sys, os
import yaml

SEEDS, OUTPUT = sys.argv[1], sys.argv[2]
src = open([os.path.join(SEEDS, f) for f in os.listdir(SEEDS) if f.startswith('001_')][0]).read()
lines = src.split('\n')
head = re.compile(r'^(GET|POST|PUT|DELETE) (/\S+) — (.*)$')
ops = []
cur = None
for ln in lines:
    m = head.match(ln)
    if m:
        cur = {'method': m[1], 'path': m[2], 'summary': m[3].strip(), 'lines': []}
        ops.append(cur)
    elif cur is not None:
        cur['lines'].append(ln)
row = re.compile(r'^([A-Za-z_]\w*) \| ([^|]+?) \| (required|optional) \|(.*)$')
prow = re.compile(r'^([A-Za-z_]\w*) \| (path|query|header) \| ([^|]+?) \| (required|optional) \|(.*)$')
srow = re.compile(r'^(\d{3}) ?([^|]*)\| (.*?) ?\|?$')
for op in ops:
    L = op['lines']
    op['opid'] = None; op['auth'] = True; op['perm'] = None; op['params'] = []; op['body'] = None; op['statuses'] = []
    desc = []
    section = 'desc'
    for i, ln in enumerate(L):
        if ln.startswith('/api-reference/'):
            op['opid'] = ln.rsplit('/', 1)[-1]; continue
        if ln.startswith('Authentication: Not required'):
            op['auth'] = False; continue
        if ln.startswith('API consumer:'):
            continue
        if ln.startswith('User role permission required'):
            p = ln.split(':', 1)[1].strip()
            if '(at least one)' in ln:
                op['perm'] = [x.strip() for x in p.split(',')]
            else:
                op['perm'] = p
            continue
        if ln == 'Parameters': section = 'params'; continue
        if ln.startswith('Request body'):
            section = 'body'; op['body'] = {'required': '(required)' in ln, 'schema': None, 'fields': []}; continue
        if ln == 'Responses': section = 'resp'; continue
        if ln.startswith('Example request'): section = 'example'; continue
        if section == 'desc' and ln.strip():
            desc.append(ln.strip())
        elif section == 'params':
            m = prow.match(ln)
            if m: op['params'].append({'name': m[1], 'in': m[2], 'type': m[3].strip(), 'required': m[4] == 'required', 'desc': m[5].strip(' |')})
        elif section == 'body':
            if ln.startswith('application/json'):
                op['body']['schema'] = ln.split('·')[-1].strip()
            m = row.match(ln)
            if m: op['body']['fields'].append({'name': m[1], 'type': m[2].strip(), 'required': m[3] == 'required', 'desc': m[4].strip(' |')})
        elif section == 'resp':
            m = re.match(r'^(\d{3})(?: (\S+))? \| (.*?)(?: \|)?$', ln)
            if m: op['statuses'].append((m[1], m[2], m[3].strip(' |')))
    op['description'] = ' '.join(desc)
    # The reference promises a JSON body for a success only where it names application/json; elsewhere
    # (no media type, or */*) the API may answer with nothing.
    successes = [ctype for code, ctype, _ in op['statuses'] if code.startswith('2')]
    op['sparse'] = bool(successes) and 'application/json' not in successes
sparse_ops = sorted(f"{o['method']} {o['path']}" for o in ops if o['sparse'])
print(f'{len(sparse_ops)} endpoints whose success the reference gives no JSON body')
fields = sum(len(o['params']) for o in ops) + sum(len(o['body']['fields']) for o in ops if o['body'])
print(f'{len(ops)} detailed endpoints, {fields} parameters and body fields')

# ---------------------------------------------------------------- document
index_src = open([os.path.join(SEEDS, f) for f in os.listdir(SEEDS) if f.startswith('000_')][0]).read()
tag_of = {}
# tags: the index lists tag names on their own lines before their endpoints.
tagnames = ['Settings', 'Access control', 'User management', 'Access groups', 'User account management', 'Directory']
pos = {t: index_src.index('\n' + t + '\n') for t in tagnames}
for m in re.finditer(r'(GET|POST|PUT|DELETE)(/[^\s—]+)—\s*([^\n]*?)(?=(?:GET|POST|PUT|DELETE)/|\n|$)', index_src):
    t = max((p, n) for n, p in pos.items() if p < m.start())[1]
    tag_of[(m[1], m[2])] = (t, m[3].strip())

def ref(name): return {'$ref': '#/components/schemas/' + name}
def arr(s): return {'type': 'array', 'items': s}
STR = {'type': 'string'}; NSTR = {'type': 'string', 'nullable': True}
BOOL = {'type': 'boolean'}; I32 = {'type': 'integer', 'format': 'int32'}; I64 = {'type': 'integer', 'format': 'int64'}
DT = {'type': 'string', 'format': 'date-time'}
ASSUME = lambda s: 'ASSUMPTION: ' + s

def ftype(t, name, nullable):
    t = t.strip()
    if t.startswith('enum<'):
        vals = re.findall(r'"([^"]+)"', t)
        s = {'type': 'string', 'enum': vals}
        if nullable:
            s['nullable'] = True
            s['enum'] = vals + [None]
        if '…' in t:
            if name == 'status': s['enum'] = ['ALL', 'ACTIVE', 'PENDING', 'EXPIRED', 'INACTIVE']
            if name == 'language': s['enum'] = ['pl', 'es', 'pt', 'en-GB', 'en-US', 'de', 'fr', 'it', 'ru', 'uk', 'cs']
            s['description'] = ASSUME('the reference truncates this enum with "…"; the remaining values are a plausible completion.')
            s['x-assumption'] = True
        return s
    if t == 'integer':
        return dict(I64) if name.lower().endswith('id') or name in ('group',) else dict(I32)
    if t == 'boolean': return dict(BOOL)
    if t == 'string': return dict(NSTR) if nullable else dict(STR)
    if t == 'object': return {'type': 'object', 'additionalProperties': STR}
    if t == 'array<integer>': return arr(I64)
    if t == 'array<string>': return arr(STR)
    if t == 'array<uauth-UserIdInteger>': return arr(I64)
    if t == 'array<uauth-BusinessProfileInvitationRequest>': return arr(ref('BusinessProfileInvitationRequest'))
    raise SystemExit('unknown type ' + t)

# A default Spring/Jackson service ignores fields it does not know; the mock refuses them, so that a
# misspelt field fails in a test instead of being dropped without a word.
STRICT_BODY = ('the fields are the reference\'s; unknown fields are refused (additionalProperties: false). A default '
               'Spring/Jackson service ignores them, so here the mock is stricter than the API is assumed to be.')
# Rules the mock enforces on a request body that the reference does not state.
schema_notes = {
  'PasswordSettingsData': ' The mock also refuses a negative value, and a minLength above a maxLength other than 0 '
                          '(0 disables a requirement); the reference states no bounds.',
}
# Rules the mock enforces on a parameter that the reference does not state.
USERS_PAGE_SIZE = 'the mock takes 1 to 1000 entries a page and refuses other sizes with 400; the reference states no bounds.'
PROFILES_PAGE = 'the first page is 1, as in the managed-domain listing; absent means 1, and the mock refuses a page below 1 with 400.'
PROFILES_LIMIT = 'absent means 20 entries a page; the mock refuses a limit below 1 with 400.'
param_notes = {
  ('GET', '/uauth/users/listing', 'size'): USERS_PAGE_SIZE,
  ('GET', '/uauth/v2/users/listing', 'size'): USERS_PAGE_SIZE,
  ('GET', '/uauth/v2/users/listing', 'page'): 'the first page has the index 0, as in the v1 listing.',
  ('GET', '/uauth/managed-domains', 'page'): 'absent means 1; the mock refuses a page below 1 with 400.',
  ('GET', '/uauth/managed-domains', 'size'): 'absent means 20 entries a page; the mock refuses a size below 1 with 400.',
  ('GET', '/business-profile-service/business-profiles', 'page'): PROFILES_PAGE,
  ('GET', '/business-profile-service/business-profiles', 'limit'): PROFILES_LIMIT,
  ('GET', '/business-profile-service/organizations/business-profiles', 'page'): PROFILES_PAGE,
  ('GET', '/business-profile-service/organizations/business-profiles', 'limit'): PROFILES_LIMIT,
  ('GET', '/business-profile-service/organizations/business-profiles/with-identifiers', 'page'): PROFILES_PAGE,
  ('GET', '/business-profile-service/organizations/business-profiles/with-identifiers', 'limit'): PROFILES_LIMIT,
}
# The JSON body the mock sends, in its normal mode, where the reference promises none.
SPARSE_BODY = ('the reference gives this success no JSON body, so the API may send none. The mock sends this one, '
               'unless it runs with sparse answers (MOCK_ANSWERS=sparse), when it sends no body.')

schemas = {}
def body_schema(op):
    b = op['body']
    name = re.sub(r'^(sauth|uauth)-', '', b['schema'])
    props, req = {}, []
    for f in b['fields']:
        # Jackson binds null to an optional field as to an absent one.
        s = ftype(f['type'], f['name'], not f['required'])
        if f['desc']: s['description'] = f['desc']
        props[f['name']] = s
        if f['required']: req.append(f['name'])
    s = {'type': 'object', 'additionalProperties': False, 'properties': props}
    if req: s['required'] = req
    s['description'] = ASSUME(STRICT_BODY + schema_notes.get(name, ''))
    s['x-assumption'] = True
    schemas[name] = s
    return name

# Response schemas: project decisions where the reference is silent (see info.description).
def obj(props, required=None, desc=None, assume=True):
    s = {'type': 'object', 'properties': props}
    if required: s['required'] = required
    if desc: s['description'] = ASSUME(desc) if assume else desc
    if assume: s['x-assumption'] = True
    return s
def page(item, desc):
    return obj({'content': arr(ref(item)), 'totalElements': I64, 'totalPages': I32, 'number': I32, 'size': I32,
                'first': BOOL, 'last': BOOL}, ['content'], desc)
resp_schemas = {
  'ErrorResponse': obj({'timestamp': DT, 'status': I32, 'error': STR, 'message': STR, 'path': STR}, ['status'],
                       'errors are Spring Boot error documents.'),
  'Role': obj({'id': I64, 'name': STR, 'description': NSTR, 'group': I64}, ['id'], 'a role as GET /uauth/roles/{roleId} returns it; group is the id of its role group.'),
  'RoleGroup': obj({'id': I64, 'name': STR, 'description': NSTR, 'roles': arr(ref('Role'))}, ['id'], 'a role group with its roles.'),
  'RolePii': obj({'roleId': I64, 'piiAccess': BOOL}, None, 'the PII-access setting of a role: whether users with the role see personal data unmasked.'),
  'RolePiiRequest': {'type': 'object', 'additionalProperties': False, 'required': ['piiAccess'], 'properties': {'piiAccess': BOOL},
                     'description': ASSUME('the reference names POST /uauth/roles/{roleId}/pii without a body; this is the body the project chose.'), 'x-assumption': True},
  'Permission': obj({'key': STR, 'name': STR, 'actions': arr(STR), 'granted': arr(STR)}, None, 'one permission: its available actions and those granted to the role.'),
  'PermissionGroup': obj({'key': STR, 'name': STR, 'permissions': arr(ref('Permission')), 'children': arr(ref('PermissionGroup'))}, None,
                         'a permission group; the schema is recursive through children, as the reference says.'),
  'UserRole': obj({'id': I64, 'name': STR}, ['id'], 'a role as listed on a user.'),
  'User': obj({'id': I64, 'email': STR, 'firstName': NSTR, 'lastName': NSTR,
               'status': {'type': 'string', 'enum': ['ACTIVE', 'PENDING', 'EXPIRED', 'INACTIVE']},
               'roles': arr(ref('UserRole')), 'accessExpirationDate': {'type': 'string', 'format': 'date-time', 'nullable': True},
               'mfaEnabled': BOOL, 'createdAt': DT, 'avatar': NSTR, 'phone': NSTR, 'language': NSTR, 'organizationRole': NSTR,
               'introduction': NSTR, 'description': NSTR, 'confirmed': BOOL,
               'dateFormatNotation': {'type': 'string', 'nullable': True}, 'timeFormatNotation': {'type': 'string', 'nullable': True},
               'numberFormatNotation': {'type': 'string', 'nullable': True}}, ['id'],
              'a user of the workspace; a PENDING user is an invitation and its id is the invitation id.'),
  'UserPage': page('User', 'listings answer with a Spring Data page; number is the requested page.'),
  'UserAutocomplete': obj({'id': I64, 'email': STR, 'firstName': NSTR, 'lastName': NSTR}, ['id'], 'an autocomplete hit.'),
  'InvitationDetails': obj({'email': STR, 'firstName': NSTR, 'lastName': NSTR, 'businessProfileName': STR}, None, 'what an invitation token reveals.'),
  'ManagedDomain': obj({'domain': STR, 'verificationMethod': {'type': 'string', 'enum': ['TXT_RECORD', 'FILE_CHECK', 'INTERNAL', 'NONE']},
                        'verified': BOOL, 'createdAt': DT}, ['domain'], 'a managed domain.'),
  'ManagedDomainPage': page('ManagedDomain', 'a page of managed domains; number is the requested 1-based page.'),
  'VerificationCode': obj({'verificationCode': STR}, ['verificationCode'], 'the workspace verification string.'),
  'BusinessProfile': obj({'guid': STR, 'name': STR, 'favorite': BOOL, 'identifiers': arr(STR)}, None, 'a workspace.'),
  'BusinessProfilePage': page('BusinessProfile', 'a page of workspaces.'),
  'MfaInitialization': obj({'secret': STR, 'qrCodeUrl': STR}, None, 'the secret and QR code URL of a new MFA setup.'),
  'MfaConfirmation': obj({'backupCode': STR}, None, "the user's backup code."),
}
# Settings answers have the payload's fields, without the request-only strictness.
settings_resp = {
  '/sauth/settings/ban': 'BanSettingsPayload', '/sauth/settings/templates': 'TemplateSettingsData',
  '/sauth/settings/device-control': 'DeviceControlSettingsPayload', '/sauth/settings/general': 'GeneralSettingsData',
  '/sauth/settings/oauth': 'OauthSettingsRequest', '/sauth/settings/synerise-auth': 'SyneriseAuthSettingsData',
  '/sauth/settings/oauth/facebook': 'FacebookOauthSettingsPayload', '/sauth/settings/oauth/google': 'GoogleOauthSettingsPayload',
  '/sauth/settings/oauth/apple': 'AppleAuthSettingsPayload', '/uauth/settings/user-bp-ip-policy': 'IpPolicySettings',
  '/uauth/settings/password-policy': 'PasswordSettingsData', '/uauth/users/my-account/strongest-password-settings': 'PasswordSettingsData',
  '/uauth/strongest-password-settings-by-email/{email}': 'PasswordSettingsData',
}
J = lambda s: {'application/json': {'schema': s}}
def success_body(method, path):
    if path in settings_resp: return ref(settings_resp[path] + 'Response')
    table = {
      ('GET', '/uauth/roles/listing'): arr(ref('RoleGroup')), ('POST', '/uauth/roles/role-group'): arr(ref('RoleGroup')),
      ('POST', '/uauth/roles/role-group/{groupId}'): arr(ref('RoleGroup')), ('DELETE', '/uauth/roles/role-group/{groupId}'): arr(ref('RoleGroup')),
      ('POST', '/uauth/roles/role'): ref('Role'), ('GET', '/uauth/roles/{roleId}'): ref('Role'), ('POST', '/uauth/roles/role/{roleId}'): ref('Role'),
      ('DELETE', '/uauth/roles/role/{roleId}'): arr(ref('RoleGroup')), ('GET', '/uauth/users/available-roles'): arr(ref('Role')),
      ('GET', '/uauth/roles/{roleId}/pii'): ref('RolePii'), ('POST', '/uauth/roles/{roleId}/pii'): ref('RolePii'),
      ('GET', '/uauth/permissions/group/role/{roleId}'): arr(ref('PermissionGroup')),
      ('GET', '/uauth/users/listing'): ref('UserPage'), ('GET', '/uauth/v2/users/listing'): ref('UserPage'),
      ('GET', '/uauth/users/listing/autocomplete'): arr(ref('UserAutocomplete')),
      ('POST', '/uauth/users/invitations/invite'): ref('User'), ('POST', '/uauth/users/invitations/invite-bulk'): arr(ref('User')),
      ('POST', '/uauth/users/invitations/{invitationId}'): ref('User'), ('GET', '/uauth/users/{userId}'): ref('User'),
      ('POST', '/uauth/users/{userId}'): ref('User'), ('GET', '/uauth/users/my-account'): ref('User'), ('POST', '/uauth/users/my-account'): ref('User'),
      ('GET', '/uauth/user/register/invitation/{invitationToken}'): ref('InvitationDetails'),
      ('GET', '/uauth/managed-domains'): ref('ManagedDomainPage'), ('GET', '/uauth/managed-domains/initialize-code'): ref('VerificationCode'),
      ('POST', '/uauth/managed-domains/verification'): ref('ManagedDomain'),
      ('GET', '/business-profile-service/business-profiles'): ref('BusinessProfilePage'),
      ('GET', '/business-profile-service/organizations/business-profiles'): ref('BusinessProfilePage'),
      ('GET', '/business-profile-service/organizations/business-profiles/with-identifiers'): ref('BusinessProfilePage'),
      ('POST', '/uauth/users/mfa/initialization'): ref('MfaInitialization'), ('POST', '/uauth/users/mfa/confirmation'): ref('MfaConfirmation'),
    }
    return table.get((method, path))

# Statuses the reference does not list but the API plausibly answers (see shapes).
extra_status = {
  ('DELETE', '/uauth/roles/role-group/{groupId}'): {'404': 'Not Found', '409': ASSUME('the group still contains roles.')},
  ('DELETE', '/uauth/roles/role/{roleId}'): {'404': 'Not Found'},
  ('POST', '/uauth/users/invitations/invite'): {'409': ASSUME('the address is a member of the workspace or invited already.')},
  ('POST', '/uauth/users/invitations/invite-bulk'): {'409': ASSUME('an address is a member or invited already, or twice in the batch; nothing is created.')},
  ('DELETE', '/uauth/users/invitations/{invitationIds}'): {'404': ASSUME('an id is not an invitation that was not accepted; nothing is deleted.')},
  ('DELETE', '/uauth/users/profile-association/{ids}'): {'404': ASSUME('an id is not a user of the workspace; nothing is removed.')},
  ('POST', '/uauth/managed-domains/verification'): {'400': ASSUME('the verification string is not published yet; the message says what is missing.'),
                                                    '409': ASSUME('the domain is managed already.')},
  ('POST', '/uauth/users/activate'): {'404': ASSUME('an id is not a user of the workspace; nobody is activated.'),
                                      '409': ASSUME('an id is an invitation that was not accepted (PENDING or EXPIRED); nobody is activated.')},
  ('POST', '/uauth/users/deactivate'): {'404': ASSUME('an id is not a user of the workspace; nobody is deactivated.'),
                                        '409': ASSUME('an id is an invitation that was not accepted (PENDING or EXPIRED), which has no access to suspend; nobody is deactivated.')},
  ('POST', '/uauth/users/{userId}/password-reset'): {'404': ASSUME('the user does not exist.')},
  ('PUT', '/uauth/users/{userId}/mfa-reset'): {'404': ASSUME('the user does not exist.')},
  ('DELETE', '/uauth/users/{ids}'): {'404': ASSUME('an id is not a user; no account is deleted.')},
}

# Successes whose body the reference does not describe and the project relies on all the same.
success_notes = {
  ('GET', '/uauth/users/my-account'): 'the reference gives this answer no described body. The provider sends this request when it is '
      'configured, to prove the URL and the token, and reads the id and email of the token\'s owner from it when the answer is '
      'this User; it works with an empty or other body, and then names no owner.',
}

undetailed = {
  ('GET', '/business-profile-service/business-profiles'): {'summary': 'Get Universal list of workspaces', 'opid': 'getBusinessProfiles',
     'params': [{'name': 'page', 'in': 'query', 'type': 'integer', 'required': False, 'desc': 'Page to retrieve'},
                {'name': 'limit', 'in': 'query', 'type': 'integer', 'required': False, 'desc': 'Limit of items per page'},
                {'name': 'search', 'in': 'query', 'type': 'string', 'required': False, 'desc': ''}]},
  ('GET', '/business-profile-service/organizations/business-profiles/with-identifiers'): {'summary': 'Get Universal list of business profiles with identifiers for organization user',
     'opid': 'getOrganizationBusinessProfilesWithIdentifiers',
     'params': [{'name': 'page', 'in': 'query', 'type': 'integer', 'required': False, 'desc': 'Page to retrieve'},
                {'name': 'limit', 'in': 'query', 'type': 'integer', 'required': False, 'desc': 'Limit of items per page'},
                {'name': 'search', 'in': 'query', 'type': 'string', 'required': False, 'desc': ''}]},
  ('GET', '/uauth/roles/{roleId}/pii'): {'summary': 'getRolePii', 'opid': 'getRolePii', 'perm': 'settings_users: read',
     'params': [{'name': 'roleId', 'in': 'path', 'type': 'integer', 'required': True, 'desc': 'Role ID'}]},
  ('POST', '/uauth/roles/{roleId}/pii'): {'summary': 'updateRolePii', 'opid': 'updateRolePii', 'perm': 'settings_users: update', 'body': 'RolePiiRequest',
     'params': [{'name': 'roleId', 'in': 'path', 'type': 'integer', 'required': True, 'desc': 'Role ID'}]},
  ('GET', '/uauth/v2/users/listing'): {'summary': 'getUsersV2Listing', 'opid': 'getUsersV2Listing', 'perm': 'settings_users: read'},
}
v1 = next(o for o in ops if o['method'] == 'GET' and o['path'] == '/uauth/users/listing')
undetailed[('GET', '/uauth/v2/users/listing')]['params'] = v1['params']
for (m, p), u in undetailed.items():
    ops.append({'method': m, 'path': p, 'summary': u['summary'], 'opid': u['opid'], 'auth': True, 'perm': u.get('perm'),
                'params': u['params'], 'body': None, 'bodyref': u.get('body'), 'undetailed': True,
                'statuses': [('200', 'application/json', 'OK'), ('401', None, 'Unauthorized'), ('403', None, 'Forbidden'), ('404', None, 'Not Found')],
                'description': ''})

# OpenAPI allows one parameter name per path template; the reference names two templates twice.
# The comma-separated forms take the singular name and say so.
renamed = {('DELETE', '/uauth/users/invitations/{invitationIds}'): ('/uauth/users/invitations/{invitationId}', 'invitationIds', 'invitationId'),
           ('DELETE', '/uauth/users/{ids}'): ('/uauth/users/{userId}', 'ids', 'userId')}

paths = {}
used_ids = set()
for op in ops:
    m, p = op['method'], op['path']
    t, idx_summary = tag_of[(m, p)]
    extra = extra_status.get((m, p), {})
    if (m, p) in renamed:
        p, old, new = renamed[(m, p)]
        for prm in op['params']:
            if prm['name'] == old:
                prm['name'] = new
                prm['desc'] = (prm['desc'] + ' ' if prm['desc'] else '') + f'(The reference calls this parameter {old}; OpenAPI allows one name per path template.)'
    o = {}
    o['tags'] = [t]
    o['summary'] = op['summary']
    opid = op['opid'] or re.sub(r'[^A-Za-z0-9]+(.)', lambda x: x[1].upper(), m.lower() + ' ' + p.replace('{', '').replace('}', ''))
    while opid in used_ids: opid += 'Alt'
    used_ids.add(opid); o['operationId'] = opid
    desc = op['description']
    if op.get('undetailed'):
        desc = ASSUME('the reference lists this endpoint in its index only; parameters, body and answers are the project\'s plausible choices.')
        o['x-assumption'] = True
    if desc: o['description'] = desc
    if op['perm']: o['x-permission'] = op['perm']
    if op.get('sparse'): o['x-sparse'] = True
    if not op['auth']: o['security'] = []
    params = []
    for prm in op['params']:
        s = ftype(prm['type'], prm['name'], False)
        if prm['in'] == 'path' and (m, op['path']) in renamed:
            s = {'type': 'string', 'pattern': '^[0-9]+(,[0-9]+)*$'}
        q = {'name': prm['name'], 'in': prm['in'], 'required': prm['required'] or prm['in'] == 'path', 'schema': s}
        if prm['desc']: q['description'] = prm['desc']
        note = param_notes.get((m, op['path'], prm['name']))
        if note:
            given = q.get('description', '')
            q['description'] = (given.rstrip('.') + '. ' if given else '') + ASSUME(note)
            q['x-assumption'] = True
        params.append(q)
    if params: o['parameters'] = params
    has_input = bool(params) or op['body'] or op.get('bodyref')
    if op['body']:
        name = body_schema(op)
        o['requestBody'] = {'required': op['body']['required'], 'content': J(ref(name))}
    elif op.get('bodyref'):
        o['requestBody'] = {'required': True, 'content': J(ref(op['bodyref']))}
    if (m, p) == ('DELETE', '/uauth/managed-domains'):
        o['requestBody']['required'] = True
    responses = {}
    for code, ctype, d in op['statuses']:
        r = {'description': d}
        if code.startswith('2'):
            sb = success_body(m, p)
            if sb is not None and code in ('200',):
                r['content'] = J(sb)
                if op.get('sparse'):
                    r['description'] = d + '. ' + ASSUME(SPARSE_BODY)
                    r['x-assumption'] = True
                elif (m, p) in success_notes:
                    r['description'] = d + '. ' + ASSUME(success_notes[(m, p)])
                    r['x-assumption'] = True
        elif code not in ('204',):
            r['content'] = J(ref('ErrorResponse'))
        responses[code] = r
    # Statuses the reference does not list for the operation are the project's additions.
    def added(code, d):
        if not d.startswith('ASSUMPTION: '):
            d = ASSUME(f'{d} (the reference lists no {code} here).')
        return {'description': d, 'content': J(ref('ErrorResponse')), 'x-assumption': True}
    if has_input and '400' not in responses:
        responses['400'] = added('400', 'Bad Request: the request does not match this description')
    for code, d in extra.items():
        if code not in responses:
            responses[code] = added(code, d)
    if op['auth'] and '401' not in responses:
        responses['401'] = added('401', 'JWT missing, expired, or invalid')
    o['responses'] = dict(sorted(responses.items()))
    paths.setdefault(p, {})[m.lower()] = o

for name in sorted(set(settings_resp.values())):
    s = json.loads(json.dumps(schemas[name]))
    s.pop('additionalProperties', None); s.pop('required', None)
    s['description'] = ASSUME('GET and POST answer with the whole object, with the fields of the update payload.')
    s['x-assumption'] = True
    resp_schemas[name + 'Response'] = s
schemas.update(resp_schemas)

assumptions = [
  'Response bodies: the reference gives statuses only; each answer schema here is marked x-assumption and follows Spring conventions.',
  'Errors are Spring Boot error documents {timestamp, status, error, message, path}.',
  'Role groups: create, update and delete answer with every group; role delete answers with every group (as the reference says).',
  'Role PII (GET/POST /uauth/roles/{roleId}/pii) is {roleId, piiAccess}; POST takes {piiAccess} (required). New roles have piiAccess false.',
  'Permissions of a role: a recursive tree of PermissionGroup {key, name, permissions[{key, name, actions, granted}], children}.',
  'Users listing and v2 listing: Spring Data pages (content, totalElements, totalPages, number, size, first, last); page from 0. Status enum completed with INACTIVE.',
  'Managed-domain listing: the same page shape, page from 1. Verification answers 400 while the proof is not published, 409 for a domain managed already.',
  'Invitations: invite answers with the PENDING User (its id is the invitation id); invite-bulk with the Users in request order, all or nothing; 409 for an address already a member or invited.',
  'Invitation delete accepts PENDING and EXPIRED invitations; other ids are 404 and nothing is deleted.',
  'Optional request fields accept null, as a Jackson-bound Spring service does; null means absent.',
  'Settings GET and POST answer with the whole object; a POST resets omitted fields to their defaults.',
  'The update of another user (POST /uauth/users/{userId}) is a full update: fields the request leaves out are cleared, the '
  'harshest reading of a reference that does not say. A client that changes some fields sends the others back as they are.',
  'Activation and deactivation apply to members who accepted their invitation; a PENDING or EXPIRED invitation is refused with 409.',
  'A user is EXPIRED when their invitation was not accepted in time; a member whose access time (PUT /uauth/users/{userId}/access-time) '
  'has passed keeps their status. The reference does not explain EXPIRED: a workspace may answer it for such a member too, and '
  'the mock does so when it runs without this assumption.',
  'Deleting a role group that still contains roles answers 409.',
  'Enums the reference truncates with "…" (user status, language) are completed plausibly.',
  'The three business-profile listings and the v2 users listing are in the index only; their parameters follow their detailed siblings.',
  'Request bodies refuse unknown fields (additionalProperties: false). A default Spring/Jackson service ignores them: the mock '
  'is stricter on purpose, so that a misspelt field fails in a test instead of being dropped without a word.',
  'Statuses the reference does not list for an operation are additions, each marked: a 400 for every operation with input, '
  'a 401 for every operation that needs the token, and the 404s and 409s of missing objects and conflicts.',
  'Paging beyond what the reference states: the users listings take 1 to 1000 entries a page; the managed-domain and the '
  'business-profile listings count pages from 1, as the reference says of managed domains, and answer 20 entries when no '
  'size is asked; the v2 users listing counts from 0, as v1 does.',
  'Password policy: no value may be negative, and minLength may not exceed a maxLength other than 0.',
  f'Sparse answers: the reference gives the success of {len(sparse_ops)} endpoints no application/json body (no media type, '
  'or */*), so the API may answer them with no body at all. They are marked x-sparse: true; where a JSON body is described '
  'for them it is an assumption, which the mock drops when it runs with sparse answers (MOCK_ANSWERS=sparse): '
  + '; '.join(sparse_ops) + '.',
]
doc = {
  'openapi': '3.0.3',
  'info': {'title': 'Synerise Identity and Access Management API', 'version': '1.0.0',
           'description': 'Transcribed from the Synerise IAM API reference (the contract). Where the reference is silent the project '
                          'made the choices below; each is marked with "ASSUMPTION:" and x-assumption: true where it applies.\n\n'
                          + '\n'.join('- ' + a for a in assumptions) + '\n'},
  'servers': [{'url': 'https://api.synerise.com'}],
  'tags': [{'name': t} for t in tagnames],
  'security': [{'bearerAuth': []}],
  'paths': dict(sorted(paths.items())),
  'components': {'securitySchemes': {'bearerAuth': {'type': 'http', 'scheme': 'bearer', 'bearerFormat': 'JWT'}},
                 'schemas': dict(sorted(schemas.items()))},
}
n = sum(len(v) for v in paths.values())
print('operations', n)
out = '# Generated by scripts/openapi-from-reference.py from the API reference; edit the generator, not this file.\n' + \
      yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=120)
open(OUTPUT, 'w').write(out)
