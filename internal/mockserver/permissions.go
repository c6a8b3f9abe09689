package mockserver

// permissionGroup is a node of the API's permission catalogue: a group of permissions that may
// contain further groups.
type permissionGroup struct {
	key, name   string
	permissions []permission
	children    []permissionGroup
}

type permission struct {
	key, name string
	actions   []string
}

var (
	readUpdate = []string{"read", "update"}
	crud       = []string{"read", "create", "update", "delete"}
)

// permissionCatalogue is a small fixed excerpt of the API's catalogue: the permissions the reference
// names as required by the IAM endpoints, grouped the way the API's settings pages group them.
var permissionCatalogue = []permissionGroup{
	{
		key: "settings", name: "Settings",
		children: []permissionGroup{
			{
				key: "users", name: "Users",
				permissions: []permission{
					{key: "settings_users", name: "Users and roles", actions: crud},
					{key: "settings_users_am_password_policy", name: "Password policy", actions: readUpdate},
					{key: "settings_users_am_ip_access_restriction", name: "IP access restriction", actions: readUpdate},
				},
			},
			{
				key: "customers_iam", name: "Profile identity",
				permissions: []permission{
					{key: "settings_customers_iam", name: "Synerise authentication", actions: readUpdate},
					{key: "settings_customers_iam_locking_policy", name: "Locking policy", actions: readUpdate},
					{key: "settings_customers_iam_oauth", name: "OAuth", actions: readUpdate},
					{key: "settings_customers_iam_account_confirmation", name: "Account confirmation", actions: readUpdate},
				},
			},
			{
				key: "directory", name: "Directory",
				permissions: []permission{
					{key: "managed_domains", name: "Managed domains", actions: []string{"read", "create", "delete"}},
				},
			},
		},
	},
	{
		key: "analytics", name: "Analytics",
		permissions: []permission{
			{key: "analytics", name: "Analytics", actions: []string{"read"}},
		},
	},
}

// grantAll grants every action of every permission in the catalogue.
func grantAll() map[string][]string {
	granted := map[string][]string{}
	var walk func([]permissionGroup)
	walk = func(groups []permissionGroup) {
		for _, g := range groups {
			for _, p := range g.permissions {
				granted[p.key] = p.actions
			}
			walk(g.children)
		}
	}
	walk(permissionCatalogue)
	return granted
}

type permissionGroupJSON struct {
	Key         string                `json:"key"`
	Name        string                `json:"name"`
	Permissions []permissionJSON      `json:"permissions"`
	Children    []permissionGroupJSON `json:"children"`
}

type permissionJSON struct {
	Key     string   `json:"key"`
	Name    string   `json:"name"`
	Actions []string `json:"actions"`
	Granted []string `json:"granted"`
}

// permissionTree renders groups with what granted grants of each permission.
func permissionTree(groups []permissionGroup, granted map[string][]string) []permissionGroupJSON {
	out := make([]permissionGroupJSON, 0, len(groups))
	for _, g := range groups {
		gj := permissionGroupJSON{
			Key: g.key, Name: g.name,
			Permissions: make([]permissionJSON, 0, len(g.permissions)),
			Children:    permissionTree(g.children, granted),
		}
		for _, p := range g.permissions {
			gj.Permissions = append(gj.Permissions, permissionJSON{
				Key: p.key, Name: p.name, Actions: p.actions,
				Granted: append([]string{}, granted[p.key]...),
			})
		}
		out = append(out, gj)
	}
	return out
}
