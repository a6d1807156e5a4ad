// Package traceoracle answers "where does this request go?" with istiod's own machinery: the
// configuration is loaded into pilot/test/xds's fake discovery server, istiod generates the
// Envoy listeners, clusters and routes for a proxy, and pilot/pkg/simulation picks the
// listener, filter chain and virtual host a request meets. lib/trace is tested against it
// (tools/istioctl/trace.test.ts).
//
// It is a test binary (`go test -c`) because the simulation and the fake server take a
// *testing.T. Run it as
//
//	WEIR_TRACE_INPUT=in.json WEIR_TRACE_OUTPUT=out.jsonl trace-oracle -test.run=TestOracle
//
// in.json: {"cases":[{"id","config":"<Istio YAML>","kube":"<Services YAML>","proxies":[{"id",
// "type":"router"|"sidecar","namespace","labels":{},"calls":[{"id","protocol":"http"|"tcp",
// "tls":"plaintext"|"tls","port","address","host","sni","path","query","method","scheme",
// "headers":{}}]}]}]}. out.jsonl: one JSON object per call (type answer below).
package traceoracle

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	listener "github.com/envoyproxy/go-control-plane/envoy/config/listener/v3"
	route "github.com/envoyproxy/go-control-plane/envoy/config/route/v3"
	tcpproxy "github.com/envoyproxy/go-control-plane/envoy/extensions/filters/network/tcp_proxy/v3"
	matcher "github.com/envoyproxy/go-control-plane/envoy/type/matcher/v3"

	"istio.io/istio/pilot/pkg/config/kube/crd"
	"istio.io/istio/pilot/pkg/model"
	"istio.io/istio/pilot/pkg/simulation"
	"istio.io/istio/pilot/test/xds"
	"istio.io/istio/pilot/test/xdstest"
	"istio.io/istio/pkg/config"
)

type call struct {
	ID       string            `json:"id"`
	Protocol string            `json:"protocol"`
	TLS      string            `json:"tls"`
	Port     int               `json:"port"`
	Address  string            `json:"address"`
	Host     string            `json:"host"`
	Sni      string            `json:"sni"`
	Path     string            `json:"path"`
	Query    string            `json:"query"`
	Method   string            `json:"method"`
	Scheme   string            `json:"scheme"`
	Headers  map[string]string `json:"headers"`
}

type proxy struct {
	ID        string            `json:"id"`
	Type      string            `json:"type"`
	Namespace string            `json:"namespace"`
	Labels    map[string]string `json:"labels"`
	Calls     []call            `json:"calls"`
}

type testCase struct {
	ID      string  `json:"id"`
	Config  string  `json:"config"`
	Kube    string  `json:"kube"`
	Proxies []proxy `json:"proxies"`
}

type weighted struct {
	Name   string `json:"name"`
	Weight uint32 `json:"weight"`
}

type answer struct {
	Case        string `json:"case"`
	Proxy       string `json:"proxy"`
	Call        string `json:"call"`
	Error       string `json:"error,omitempty"`
	Listener    string `json:"listener,omitempty"`
	FilterChain string `json:"filterChain,omitempty"`
	VirtualHost string `json:"virtualHost,omitempty"`
	Route       string `json:"route,omitempty"`
	RouteConfig string `json:"routeConfig,omitempty"`
	// The VirtualService istiod built the route from (its metadata), "ns/name".
	VirtualService string `json:"virtualService,omitempty"`
	// What the route does: "route", "redirect", "direct-response", or "" when none matched.
	Action   string     `json:"action,omitempty"`
	Status   uint32     `json:"status,omitempty"`
	Clusters []weighted `json:"clusters,omitempty"`
}

func TestOracle(t *testing.T) {
	in, err := os.ReadFile(os.Getenv("WEIR_TRACE_INPUT"))
	if err != nil {
		t.Fatalf("WEIR_TRACE_INPUT: %v", err)
	}
	var input struct {
		Cases []testCase `json:"cases"`
	}
	if err := json.Unmarshal(in, &input); err != nil {
		t.Fatalf("WEIR_TRACE_INPUT is not the expected JSON: %v", err)
	}
	out, err := os.Create(os.Getenv("WEIR_TRACE_OUTPUT"))
	if err != nil {
		t.Fatalf("WEIR_TRACE_OUTPUT: %v", err)
	}
	defer out.Close()
	encoder := json.NewEncoder(out)
	for _, tc := range input.Cases {
		var answers []answer
		// A subtest per case: a configuration istiod cannot load fails that case only, and
		// every call of it is answered with the reason.
		ok := t.Run(tc.ID, func(t *testing.T) {
			s := xds.NewFakeDiscoveryServer(t, xds.FakeOptions{Configs: configs(t, tc.Config), KubernetesObjectString: tc.Kube})
			for _, p := range tc.Proxies {
				sim := simulation.NewSimulation(t, s, s.SetupProxy(modelProxy(p)))
				lowerDomains(sim)
				nameChains(sim)
				if os.Getenv("WEIR_TRACE_DEBUG") != "" {
					for _, l := range sim.Listeners {
						fmt.Fprintln(os.Stderr, p.ID, "listener", l.Name)
						for _, fc := range l.GetFilterChains() {
							fmt.Fprintln(os.Stderr, "  chain", fc.GetName(), fc.GetFilterChainMatch().GetServerNames(), fc.GetFilterChainMatch().GetDestinationPort())
							if tcp := xdstest.ExtractTCPProxy(t, fc); tcp != nil {
								fmt.Fprintln(os.Stderr, "    tcp", tcp.GetCluster(), tcp.GetWeightedClusters())
							}
						}
					}
				}
				for _, c := range p.Calls {
					a := run(t, sim, p.Type == "router", c)
					a.Case, a.Proxy, a.Call = tc.ID, p.ID, c.ID
					answers = append(answers, a)
				}
			}
		})
		if !ok {
			answers = answers[:0]
			for _, p := range tc.Proxies {
				for _, c := range p.Calls {
					answers = append(answers, answer{Case: tc.ID, Proxy: p.ID, Call: c.ID, Error: "istiod could not load this configuration"})
				}
			}
		}
		for _, a := range answers {
			if err := encoder.Encode(a); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// The configuration as istiod's Kubernetes config store holds it: with the cluster's domain
// suffix, which resolves short destination hosts (`reviews` → reviews.<ns>.svc.cluster.local;
// the fake server's own YAML reader leaves it empty and resolves to `reviews.<ns>`).
func configs(t *testing.T, text string) []config.Config {
	parsed, _, err := crd.ParseInputs(text)
	if err != nil {
		t.Fatalf("reading the configuration: %v", err)
	}
	created := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range parsed {
		parsed[i].Domain = "cluster.local"
		if parsed[i].Namespace == "" {
			parsed[i].Namespace = "default"
		}
		if parsed[i].CreationTimestamp.IsZero() {
			parsed[i].CreationTimestamp = created
		}
	}
	return parsed
}

func modelProxy(p proxy) *model.Proxy {
	kind := model.SidecarProxy
	if p.Type == "router" {
		kind = model.Router
	}
	return &model.Proxy{
		Type:            kind,
		Labels:          p.Labels,
		ConfigNamespace: p.Namespace,
		Metadata:        &model.NodeMetadata{Labels: p.Labels, Namespace: p.Namespace},
	}
}

func run(t *testing.T, sim *simulation.Simulation, gateway bool, c call) answer {
	protocol := simulation.HTTP
	if c.Protocol == "tcp" || c.Protocol == "tls" {
		protocol = simulation.TCP
	}
	tlsMode := simulation.Plaintext
	if c.TLS == "tls" || c.Protocol == "tls" {
		tlsMode = simulation.TLS
	}
	mode := simulation.CallModeOutbound
	if gateway {
		mode = simulation.CallModeGateway
	}
	headers := http.Header{}
	for k, v := range c.Headers {
		headers.Set(k, v)
	}
	result := sim.Run(simulation.Call{
		Address: c.Address, Port: c.Port, Path: c.Path, Protocol: protocol, TLS: tlsMode,
		HostHeader: strings.ToLower(c.Host), Headers: headers, Sni: c.Sni, CallMode: mode,
	})
	a := answer{
		Listener: result.ListenerMatched, FilterChain: result.FilterChainMatched,
		VirtualHost: result.VirtualHostMatched, RouteConfig: result.RouteConfigMatched,
	}
	// The simulation matches routes by path alone (its own TODO says so); Envoy matches all of a
	// route's conditions, so the route is chosen again below, over the same virtual host, as
	// Envoy's router does (envoy/source/common/router/config_impl.cc).
	if result.Error != nil && result.Error != simulation.ErrNoRoute {
		a.Error = result.Error.Error()
		if result.ClusterMatched != "" {
			a.Clusters = []weighted{{Name: result.ClusterMatched, Weight: 1}}
		}
		return a
	}
	if result.VirtualHostMatched == "" {
		// TCP or TLS: the filter chain's TCP proxy names the cluster, or weighs several (the
		// simulation reads only a single one).
		if tcp := tcpProxy(t, sim, result); tcp != nil {
			a.Action = "route"
			if name := tcp.GetCluster(); name != "" {
				a.Clusters = []weighted{{Name: name, Weight: 1}}
			}
			for _, w := range tcp.GetWeightedClusters().GetClusters() {
				a.Clusters = append(a.Clusters, weighted{Name: w.GetName(), Weight: w.GetWeight()})
			}
		}
		return a
	}
	vh := virtualHost(sim, result)
	if vh == nil {
		a.Error = "virtual host not found in the route configuration"
		return a
	}
	r := matchRoute(vh, c)
	if r == nil {
		a.Error = simulation.ErrNoRoute.Error()
		return a
	}
	a.Route = r.GetName()
	a.VirtualService = configOf(r)
	switch action := r.GetAction().(type) {
	case *route.Route_Route:
		a.Action = "route"
		if name := action.Route.GetCluster(); name != "" {
			a.Clusters = []weighted{{Name: name, Weight: 1}}
		}
		for _, w := range action.Route.GetWeightedClusters().GetClusters() {
			a.Clusters = append(a.Clusters, weighted{Name: w.GetName(), Weight: w.GetWeight().GetValue()})
		}
	case *route.Route_Redirect:
		a.Action = "redirect"
		a.Status = redirectStatus(action.Redirect.GetResponseCode())
	case *route.Route_DirectResponse:
		a.Action = "direct-response"
		a.Status = action.DirectResponse.GetStatus()
	}
	return a
}

// Envoy lower-cases a virtual host's domains when it loads them, and the Host header when it
// looks one up (router/config_impl.cc); the simulation compares them as written, so an
// upper-case host in a VirtualService would find no virtual host there but would in Envoy.
func lowerDomains(sim *simulation.Simulation) {
	for _, rc := range sim.Routes {
		for _, vh := range rc.GetVirtualHosts() {
			for i, d := range vh.Domains {
				vh.Domains[i] = strings.ToLower(d)
			}
		}
	}
}

// Filter chains istiod leaves unnamed (a passthrough gateway's, one per SNI) get a name here,
// so the chain the simulation reports can be found again; a name takes no part in matching.
func nameChains(sim *simulation.Simulation) {
	for _, l := range sim.Listeners {
		for i, fc := range l.GetFilterChains() {
			if fc.GetName() == "" {
				fc.Name = fmt.Sprintf("%s/chain-%d", l.GetName(), i)
			}
		}
	}
}

func tcpProxy(t *testing.T, sim *simulation.Simulation, result simulation.Result) *tcpproxy.TcpProxy {
	for _, l := range sim.Listeners {
		if l.GetName() != result.ListenerMatched {
			continue
		}
		chains := append([]*listener.FilterChain{l.GetDefaultFilterChain()}, l.GetFilterChains()...)
		for _, fc := range chains {
			if fc != nil && fc.GetName() == result.FilterChainMatched {
				return xdstest.ExtractTCPProxy(t, fc)
			}
		}
	}
	return nil
}

func virtualHost(sim *simulation.Simulation, result simulation.Result) *route.VirtualHost {
	configs := []*route.RouteConfiguration{}
	if rc, ok := xdstest.ExtractRouteConfigurations(sim.Routes)[result.RouteConfigMatched]; ok {
		configs = append(configs, rc)
	}
	// An inline route configuration (no RDS name) is in the listener; the simulation found the
	// virtual host by name, so look for it in every configuration when RDS named none.
	if len(configs) == 0 {
		configs = sim.Routes
	}
	for _, rc := range configs {
		for _, vh := range rc.GetVirtualHosts() {
			if vh.GetName() == result.VirtualHostMatched {
				return vh
			}
		}
	}
	return nil
}

// Istio puts the VirtualService a route came from in the route's metadata:
// filter_metadata["istio"]["config"] = "/apis/networking.istio.io/v1/namespaces/<ns>/virtual-service/<name>".
func configOf(r *route.Route) string {
	config := r.GetMetadata().GetFilterMetadata()["istio"].GetFields()["config"].GetStringValue()
	parts := strings.Split(config, "/")
	if len(parts) < 4 {
		return ""
	}
	return parts[len(parts)-4+1] + "/" + parts[len(parts)-1]
}

func redirectStatus(code route.RedirectAction_RedirectResponseCode) uint32 {
	switch code {
	case route.RedirectAction_FOUND:
		return 302
	case route.RedirectAction_SEE_OTHER:
		return 303
	case route.RedirectAction_TEMPORARY_REDIRECT:
		return 307
	case route.RedirectAction_PERMANENT_REDIRECT:
		return 308
	default:
		return 301
	}
}

// matchRoute is Envoy's route selection: the first route of the virtual host whose path,
// headers and query parameters all match.
func matchRoute(vh *route.VirtualHost, c call) *route.Route {
	path := c.Path
	if path == "" {
		path = "/"
	}
	headers := requestHeaders(c, path)
	query, _ := url.ParseQuery(c.Query)
	for _, r := range vh.GetRoutes() {
		m := r.GetMatch()
		if !pathMatches(m, path) {
			continue
		}
		if !allHeadersMatch(m.GetHeaders(), headers) {
			continue
		}
		if !allQueryMatch(m.GetQueryParameters(), query) {
			continue
		}
		return r
	}
	return nil
}

func requestHeaders(c call, path string) map[string]string {
	h := map[string]string{}
	for k, v := range c.Headers {
		h[strings.ToLower(k)] = v
	}
	method := c.Method
	if method == "" {
		method = "GET"
	}
	scheme := c.Scheme
	if scheme == "" {
		scheme = "http"
	}
	full := path
	if c.Query != "" {
		full += "?" + c.Query
	}
	h[":method"], h[":scheme"], h[":authority"], h[":path"] = method, scheme, c.Host, full
	return h
}

func pathMatches(m *route.RouteMatch, path string) bool {
	sensitive := m.GetCaseSensitive() == nil || m.GetCaseSensitive().GetValue()
	fold := func(s string) string {
		if sensitive {
			return s
		}
		return strings.ToLower(s)
	}
	switch p := m.GetPathSpecifier().(type) {
	case *route.RouteMatch_Prefix:
		return strings.HasPrefix(fold(path), fold(p.Prefix))
	case *route.RouteMatch_Path:
		return fold(path) == fold(p.Path)
	case *route.RouteMatch_PathSeparatedPrefix:
		prefix := fold(p.PathSeparatedPrefix)
		rest := strings.TrimPrefix(fold(path), prefix)
		return strings.HasPrefix(fold(path), prefix) && (rest == "" || rest[0] == '/')
	case *route.RouteMatch_SafeRegex:
		return fullMatch(p.SafeRegex.GetRegex(), path)
	default:
		panic(fmt.Sprintf("route path specifier %T is not modelled", p))
	}
}

// Envoy's RE2 regexes must match the whole value; Go's regexp is RE2.
func fullMatch(pattern, value string) bool {
	re, err := regexp.Compile("^(?:" + pattern + ")$")
	return err == nil && re.MatchString(value)
}

// Envoy's HeaderUtility::matchHeaders for one header, then all of them.
func allHeadersMatch(matchers []*route.HeaderMatcher, headers map[string]string) bool {
	for _, hm := range matchers {
		if !headerMatches(hm, headers) {
			return false
		}
	}
	return true
}

func headerMatches(hm *route.HeaderMatcher, headers map[string]string) bool {
	value, present := headers[strings.ToLower(hm.GetName())]
	_, isPresentMatch := hm.GetHeaderMatchSpecifier().(*route.HeaderMatcher_PresentMatch)
	if !present && !hm.GetTreatMissingHeaderAsEmpty() {
		if hm.GetInvertMatch() {
			return !isPresentMatch
		}
		return isPresentMatch && !hm.GetPresentMatch()
	}
	var match bool
	switch spec := hm.GetHeaderMatchSpecifier().(type) {
	case *route.HeaderMatcher_PresentMatch:
		match = spec.PresentMatch
	case *route.HeaderMatcher_ExactMatch:
		match = value == spec.ExactMatch
	case *route.HeaderMatcher_PrefixMatch:
		match = strings.HasPrefix(value, spec.PrefixMatch)
	case *route.HeaderMatcher_SuffixMatch:
		match = strings.HasSuffix(value, spec.SuffixMatch)
	case *route.HeaderMatcher_ContainsMatch:
		match = strings.Contains(value, spec.ContainsMatch)
	case *route.HeaderMatcher_SafeRegexMatch:
		match = fullMatch(spec.SafeRegexMatch.GetRegex(), value)
	case *route.HeaderMatcher_StringMatch:
		match = stringMatches(spec.StringMatch, value)
	case nil:
		match = true
	default:
		panic(fmt.Sprintf("header match %T is not modelled", spec))
	}
	return match != hm.GetInvertMatch()
}

func stringMatches(sm *matcher.StringMatcher, value string) bool {
	fold := func(s string) string {
		if sm.GetIgnoreCase() {
			return strings.ToLower(s)
		}
		return s
	}
	switch p := sm.GetMatchPattern().(type) {
	case *matcher.StringMatcher_Exact:
		return fold(value) == fold(p.Exact)
	case *matcher.StringMatcher_Prefix:
		return strings.HasPrefix(fold(value), fold(p.Prefix))
	case *matcher.StringMatcher_Suffix:
		return strings.HasSuffix(fold(value), fold(p.Suffix))
	case *matcher.StringMatcher_Contains:
		return strings.Contains(fold(value), fold(p.Contains))
	case *matcher.StringMatcher_SafeRegex:
		return fullMatch(p.SafeRegex.GetRegex(), value)
	default:
		panic(fmt.Sprintf("string match %T is not modelled", p))
	}
}

// Envoy's QueryParameterMatcher: the first value of the parameter; absent never matches.
func allQueryMatch(matchers []*route.QueryParameterMatcher, query url.Values) bool {
	for _, qm := range matchers {
		values, present := query[qm.GetName()]
		if !present {
			return false
		}
		switch spec := qm.GetQueryParameterMatchSpecifier().(type) {
		case *route.QueryParameterMatcher_PresentMatch:
			if !spec.PresentMatch {
				return false
			}
		case *route.QueryParameterMatcher_StringMatch:
			if !stringMatches(spec.StringMatch, values[0]) {
				return false
			}
		}
	}
	return true
}
