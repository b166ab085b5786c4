package sandbox

import (
	"slices"

	"github.com/orgbatch/orgbatch/feishu"
)

// Several people on one department or user: a department's main leader
// (leader_user_id, the leaders entry of type 1) and deputies (type 2), its
// HRBPs (department_hrbps), and a user's dotted-line leaders
// (dotted_line_leader_user_ids). The caller holds Server.mu; nothing here
// changes the state.

// leaders is a department's leaders as a request leaves them.
type leaders struct {
	main     *user
	deputies []*user
}

func (d *dept) leaders() leaders { return leaders{main: d.leader, deputies: d.deputies} }

// deptLeaders applies a request's leader_user_id and leaders to cur (nil
// means the request does not set it):
//
//   - a non-empty leaders list replaces main and deputies. It has exactly
//     one entry of type 1 and the others of type 2 (else 40001; the docs
//     say one main leader is required but name no code), no person twice
//     (43016), and its main leader equals leader_user_id when both are given
//     (else 40001);
//   - an empty leaders list clears them all; a leader_user_id given with it
//     then sets the main leader alone;
//   - leader_user_id alone sets the main leader and keeps the deputies (one
//     who becomes main is no longer a deputy); "" clears main and deputies,
//     as deputies without a main leader are not allowed (UNCONFIRMED both).
//
// Every person must exist (41012), be active (42006) and have joined (43025).
func (s *state) deptLeaders(cur leaders, leaderUserID *string, list *[]feishu.DepartmentLeader, ids idTypes) (leaders, error) {
	if list != nil && len(*list) > 0 {
		return s.leaderList(*list, leaderUserID, ids)
	}
	out := cur
	if list != nil {
		out = leaders{}
	}
	if leaderUserID == nil {
		return out, nil
	}
	if *leaderUserID == "" {
		return leaders{}, nil
	}
	main, err := s.deptLeader(*leaderUserID, ids)
	if err != nil {
		return leaders{}, err
	}
	out.main = main
	out.deputies = slices.DeleteFunc(slices.Clone(out.deputies), func(u *user) bool { return u == main })
	return out, nil
}

func (s *state) leaderList(list []feishu.DepartmentLeader, leaderUserID *string, ids idTypes) (leaders, error) {
	var out leaders
	seen := map[*user]bool{}
	for _, l := range list {
		if l.LeaderID == "" || (l.LeaderType != feishu.LeaderMain && l.LeaderType != feishu.LeaderDeputy) {
			return leaders{}, fail(codeParam, "leaders: every entry needs a leaderID and a leaderType of 1 or 2")
		}
		u, err := s.deptLeader(l.LeaderID, ids)
		if err != nil {
			return leaders{}, err
		}
		if seen[u] {
			return leaders{}, fail(feishu.CodeLeadersRepeat, "leaders names %q twice", l.LeaderID)
		}
		seen[u] = true
		switch {
		case l.LeaderType == feishu.LeaderDeputy:
			out.deputies = append(out.deputies, u)
		case out.main != nil:
			return leaders{}, fail(codeParam, "leaders has more than one main leader (leaderType 1)")
		default:
			out.main = u
		}
	}
	if out.main == nil {
		return leaders{}, fail(codeParam, "leaders needs one main leader (leaderType 1)")
	}
	if leaderUserID != nil && *leaderUserID != "" && *leaderUserID != userRef(out.main, ids.user) {
		return leaders{}, fail(codeParam, "leader_user_id %q is not the main leader of leaders", *leaderUserID)
	}
	return out, nil
}

// deptHrbps resolves department_hrbps: at most 500, each an existing active
// user (else 43028, invalid department hrbps). A person listed twice is
// kept once (UNCONFIRMED).
func (s *state) deptHrbps(ids []string, typ idTypes) ([]*user, error) {
	if len(ids) > feishu.DepartmentHrbpsMax {
		return nil, fail(feishu.CodeInvalidHrbps, "%d HRBPs, at most %d", len(ids), feishu.DepartmentHrbpsMax)
	}
	out := []*user{}
	for _, id := range ids {
		u := s.user(id, typ.user)
		if u == nil || !u.active() {
			return nil, fail(feishu.CodeInvalidHrbps, "HRBP %q (%s) is not an active user", id, typ.user)
		}
		if !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out, nil
}

// dottedLeaders resolves dotted_line_leader_user_ids with the direct
// leader's codes (UNCONFIRMED: the pages list none for this field): the
// user themself is 41030, an unknown ID 44022, a resigned user 44021. A
// person listed twice is kept once.
func (s *state) dottedLeaders(self string, ids []string, typ idTypes) ([]*user, error) {
	out := []*user{}
	for _, id := range ids {
		if id == self && self != "" {
			return nil, fail(feishu.CodeLeaderSelf, "a user cannot be their own dotted-line leader")
		}
		u, err := s.userLeader(id, typ)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out, nil
}

// renderLeaders writes a department's leaders: the main leader first
// (type 1), then the deputies (type 2).
func renderLeaders(d *dept, typ string) []feishu.DepartmentLeader {
	if d.leader == nil {
		return nil
	}
	out := []feishu.DepartmentLeader{{LeaderType: feishu.LeaderMain, LeaderID: userRef(d.leader, typ)}}
	for _, u := range d.deputies {
		out = append(out, feishu.DepartmentLeader{LeaderType: feishu.LeaderDeputy, LeaderID: userRef(u, typ)})
	}
	return out
}

func userRefs(us []*user, typ string) []string {
	if len(us) == 0 {
		return nil
	}
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = userRef(u, typ)
	}
	return out
}
