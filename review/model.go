package review

import (
	"errors"
	"net/http"
	"slices"
	"time"

	"github.com/certwatch/certwatch/detect"
	"github.com/certwatch/certwatch/rank"
	"github.com/certwatch/certwatch/store"
)

// channelRow is one category's model channel on the rules page.
type channelRow struct {
	Category, Name string
	On             bool
	By             string // who switched it last, "" when never
	At             time.Time
}

// modelView is the learned model's section of the rules page.
type modelView struct {
	Status   detect.Status
	Channels []channelRow
}

// modelCategories are the categories a model channel can be switched
// for: the model's classes and the packs' categories.
func (s *Server) modelCategories() []string {
	cats := slices.Clone(rank.Classes[1:])
	for _, p := range s.packs() {
		for _, c := range p.Categories {
			if !slices.Contains(cats, c.ID) {
				cats = append(cats, c.ID)
			}
		}
	}
	return cats
}

// loadModelView reads the detection in force and the channel switches;
// nil when the server has no detection to describe.
func (s *Server) loadModelView() (*modelView, error) {
	if s.opts.Detection == nil {
		return nil, nil
	}
	v := &modelView{Status: s.opts.Detection()}
	chs, err := s.st.ModelChannels()
	if err != nil {
		return nil, err
	}
	for _, c := range s.modelCategories() {
		row := channelRow{Category: c, Name: s.categoryName(c), On: true}
		if i := slices.IndexFunc(chs, func(ch store.ModelChannel) bool { return ch.Category == c }); i >= 0 {
			row.On, row.By, row.At = chs[i].On, chs[i].By, chs[i].At
		}
		v.Channels = append(v.Channels, row)
	}
	return v, nil
}

// modelChannel switches the model channel of one category (analysts).
// The store records the switch with an audit entry; the sweeps and
// checks that start afterwards use it.
func (s *Server) modelChannel(w http.ResponseWriter, r *http.Request) {
	cat := r.PostFormValue("category")
	on := r.PostFormValue("on")
	if !slices.Contains(s.modelCategories(), cat) || (on != "1" && on != "0") {
		s.fail(w, r, http.StatusBadRequest, "请求无效：未知的类别或开关状态。")
		return
	}
	err := s.st.SetModelChannel(currentUser(r).Name, cat, on == "1")
	if err != nil && !errors.Is(err, store.ErrConflict) {
		s.failErr(w, r, err)
		return
	}
	if s.opts.ModelChanged != nil {
		s.opts.ModelChanged()
	}
	redirect(w, r, "/rules", "channel")
}
