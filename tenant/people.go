package tenant

import (
	"context"
	"slices"
	"strings"

	"github.com/orgbatch/orgbatch/feishu"
)

// Reading the people an offboarding (or a restore) names: leavers,
// acceptors, successors and the leavers' leaders, resigned ones included,
// and the direct members of the departments that may be left empty.

// PeopleRefs are the users a run names: by user_id, mobile (E.164) or
// lower-case email.
type PeopleRefs struct {
	IDs, Mobiles, Emails []string
}

// People adds the users refs name to the snapshot, resigned ones too: the
// contacts through batch_get_id with include_resigned (a resigned match
// goes to ResignedByContact), then every user named or found, by ID —
// those the batch read leaves out are read one by one with GET, which the
// docs say answers resigned users (whether users/batch does is not
// documented) — and last the direct leaders of those users, so a plan can
// tell whether a leader is active.
func (r *Reader) People(ctx context.Context, s *Snapshot, refs PeopleRefs) error {
	rd := r.begin(s)
	for _, l := range []*[]string{&refs.IDs, &refs.Mobiles, &refs.Emails} {
		*l = slices.DeleteFunc(dedupe(slices.Clone(*l)), func(v string) bool { return v == "" })
	}
	var jobs []func(context.Context) error
	mobiles, emails := missing(refs.Mobiles, s.ByMobile), missing(refs.Emails, s.ByEmail)
	for i := 0; i < max(len(mobiles), len(emails)); i += feishu.BatchMax {
		jobs = append(jobs, rd.contactsWithResigned(window(mobiles, i), window(emails, i)))
	}
	if err := rd.run(ctx, jobs); err != nil {
		return err
	}
	ids := slices.Clone(refs.IDs)
	for _, m := range []map[string]string{s.ByMobile, s.ByEmail, s.ResignedByContact} {
		for _, id := range m {
			ids = append(ids, id)
		}
	}
	if err := rd.readUsers(ctx, ids); err != nil {
		return err
	}
	var leaders []string
	for _, id := range ids {
		if u := s.Users[id]; u != nil && u.LeaderUserID != "" {
			leaders = append(leaders, u.LeaderUserID)
		}
	}
	return rd.readUsers(ctx, leaders)
}

// readUsers reads the IDs the snapshot lacks, in batches, and those a
// batch left out one by one.
func (rd *reading) readUsers(ctx context.Context, ids []string) error {
	ids = dedupe(missing(ids, rd.s.Users))
	slices.Sort(ids)
	var jobs []func(context.Context) error
	for _, chunk := range chunks(ids, feishu.BatchMax) {
		jobs = append(jobs, rd.usersWithResigned(chunk))
	}
	return rd.run(ctx, jobs)
}

func (rd *reading) usersWithResigned(ids []string) func(context.Context) error {
	return func(ctx context.Context) error {
		got, err := rd.r.API.BatchUsers(ctx, ids)
		if err != nil && !feishu.IsNotFound(err) {
			return err
		}
		have := map[string]bool{}
		for _, u := range got {
			have[u.UserID] = true
		}
		var left []string
		for _, id := range ids {
			if !have[id] {
				left = append(left, id)
			}
		}
		more, err := oneByOne(ctx, left, rd.r.API.GetUser)
		if err != nil {
			return err
		}
		rd.keep(func(s *Snapshot) {
			for _, list := range [][]feishu.User{got, more} {
				for i := range list {
					s.addUser(&list[i])
				}
			}
		})
		return nil
	}
}

// contactsWithResigned looks contacts up with include_resigned: an active
// user's are indexed as usual, a resigned one's in ResignedByContact.
func (rd *reading) contactsWithResigned(mobiles, emails []string) func(context.Context) error {
	return func(ctx context.Context) error {
		got, err := rd.r.API.BatchGetID(ctx, feishu.BatchGetIDRequest{Mobiles: mobiles, Emails: emails, IncludeResigned: true})
		if err != nil {
			return err
		}
		rd.keep(func(s *Snapshot) {
			for _, c := range got {
				switch {
				case c.UserID == "":
				case c.Status != nil && c.Status.IsResigned:
					if c.Mobile != "" {
						s.ResignedByContact[NormMobile(c.Mobile)] = c.UserID
					}
					if c.Email != "" {
						s.ResignedByContact[strings.ToLower(c.Email)] = c.UserID
					}
				default:
					s.addContact(c.UserID, c.Mobile, c.Email)
				}
			}
		})
		return nil
	}
}

// Departments adds the departments the snapshot lacks, by ID (a deleted
// or unknown one is absent).
func (r *Reader) Departments(ctx context.Context, s *Snapshot, ids []string) error {
	rd := r.begin(s)
	var jobs []func(context.Context) error
	ids = slices.DeleteFunc(dedupe(missing(ids, s.Departments)), func(id string) bool { return id == RootID || id == "" })
	for _, chunk := range chunks(ids, feishu.BatchMax) {
		jobs = append(jobs, rd.departments(chunk))
	}
	return rd.run(ctx, jobs)
}

// Members lists the direct members of each department (every page) into
// Members, and adds the users to the snapshot.
func (r *Reader) Members(ctx context.Context, s *Snapshot, departments []string) error {
	rd := r.begin(s)
	var jobs []func(context.Context) error
	for _, id := range departments {
		if _, done := s.Members[id]; !done {
			jobs = append(jobs, rd.members(id))
		}
	}
	return rd.run(ctx, jobs)
}

func (rd *reading) members(id string) func(context.Context) error {
	return func(ctx context.Context) error {
		fetch := func(ctx context.Context, token string) (*feishu.Page[feishu.User], error) {
			return rd.r.API.FindByDepartment(ctx, id, feishu.FindByDepartmentPageMax, token)
		}
		var users []feishu.User
		err := feishu.Pages(ctx, fetch, func(items []feishu.User) error {
			users = append(users, items...)
			return nil
		})
		if err != nil {
			return err
		}
		rd.keep(func(s *Snapshot) {
			ids := make([]string, 0, len(users))
			for i := range users {
				ids = append(ids, users[i].UserID)
				if s.Users[users[i].UserID] == nil {
					s.addUser(&users[i])
				}
			}
			s.Members[id] = ids
		})
		return nil
	}
}
