// Command validate-config runs Istio's own admission validation over manifest files: for each
// Gateway, VirtualService, DestinationRule and ServiceEntry it does what istiod's validating
// webhook does with an object (pkg/webhooks/validation/server Webhook.validate): decode it,
// convert it with crd.ConvertObject, run the schema's ValidateConfig (pkg/config/validation)
// and check the top-level fields. It prints one JSON line per such object:
//
//	{"file":"a.yaml","doc":0,"kind":"VirtualService","namespace":"shop","name":"reviews",
//	 "verdict":"refuse","stage":"validate","errors":["..."],"warnings":["..."]}
//
// `doc` counts the YAML documents of the file from 0 (empty ones included, as Weir counts
// them); other kinds are skipped. A file named `-` is read from standard input. Exit code 0
// unless a file cannot be read.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	multierror "github.com/hashicorp/go-multierror"
	kubeyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"

	"istio.io/istio/pilot/pkg/config/kube/crd"
	"istio.io/istio/pkg/config/schema/collections"
	"istio.io/istio/pkg/config/schema/resource"
	"istio.io/istio/pkg/log"
)

type verdict struct {
	File      string   `json:"file"`
	Doc       int      `json:"doc"`
	Kind      string   `json:"kind"`
	Namespace string   `json:"namespace"`
	Name      string   `json:"name"`
	Verdict   string   `json:"verdict"`
	Stage     string   `json:"stage,omitempty"`
	Errors    []string `json:"errors"`
	Warnings  []string `json:"warnings"`
}

var checked = map[string]bool{"Gateway": true, "VirtualService": true, "DestinationRule": true, "ServiceEntry": true}

// The fields the webhook accepts at the top level (server.go validFields).
var validFields = map[string]bool{"apiVersion": true, "kind": true, "metadata": true, "spec": true, "status": true}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: validate-config <file.yaml|->...")
		os.Exit(2)
	}
	options := log.DefaultOptions()
	options.OutputPaths = []string{"stderr"}
	options.SetDefaultOutputLevel(log.OverrideScopeName, log.ErrorLevel)
	if err := log.Configure(options); err != nil {
		fail(err)
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	encoder := json.NewEncoder(out)
	encoder.SetEscapeHTML(false)
	for _, name := range os.Args[1:] {
		var data []byte
		var err error
		if name == "-" {
			data, err = io.ReadAll(os.Stdin)
		} else {
			data, err = os.ReadFile(name)
		}
		if err != nil {
			fail(err)
		}
		for _, v := range validateFile(name, data) {
			if err := encoder.Encode(v); err != nil {
				fail(err)
			}
		}
	}
}

// validateFile splits a file into YAML documents the way kubectl does and validates each
// Istio networking object in it.
func validateFile(name string, data []byte) []verdict {
	var verdicts []verdict
	reader := kubeyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	for doc := 0; ; doc++ {
		chunk, err := reader.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fail(fmt.Errorf("%s: %w", name, err))
		}
		js, err := yaml.YAMLToJSON(chunk)
		if err != nil {
			continue // not YAML: not an object the API server would hand to the webhook
		}
		var head struct {
			APIVersion string `json:"apiVersion"`
			Kind       string `json:"kind"`
		}
		if json.Unmarshal(js, &head) != nil || !checked[head.Kind] ||
			!strings.HasPrefix(head.APIVersion, "networking.istio.io/") {
			continue
		}
		v := validateObject(js)
		v.File, v.Doc, v.Kind = name, doc, head.Kind
		verdicts = append(verdicts, v)
	}
	return verdicts
}

// validateObject is Webhook.validate (pkg/webhooks/validation/server/server.go) without the
// admission envelope: the same steps, in the same order, each a refusal when it fails.
func validateObject(js []byte) verdict {
	v := verdict{Verdict: "accept", Errors: []string{}, Warnings: []string{}}
	refuse := func(stage string, err error) verdict {
		v.Verdict, v.Stage, v.Errors = "refuse", stage, flatten(err)
		return v
	}
	var obj crd.IstioKind
	if err := json.Unmarshal(js, &obj); err != nil {
		return refuse("decode", fmt.Errorf("cannot decode configuration: %v", err))
	}
	v.Namespace, v.Name = obj.Namespace, obj.Name
	gvk := obj.GroupVersionKind()
	s, exists := collections.Pilot.FindByGroupKind(resource.FromKubernetesGVK(&gvk))
	if !exists {
		return refuse("decode", fmt.Errorf("unrecognized type %v", gvk))
	}
	out, err := crd.ConvertObject(s, &obj, "cluster.local")
	if err != nil {
		return refuse("convert", fmt.Errorf("error decoding configuration: %v", err))
	}
	warnings, err := s.ValidateConfig(*out)
	v.Warnings = flatten(warnings)
	if err != nil {
		return refuse("validate", err)
	}
	trial := map[string]json.RawMessage{}
	if err := json.Unmarshal(js, &trial); err != nil {
		return refuse("fields", err)
	}
	for key := range trial {
		if !validFields[key] {
			return refuse("fields", fmt.Errorf("unknown field %q", key))
		}
	}
	return v
}

// flatten lists the messages of a (possibly nested) multierror, one per rule broken.
func flatten(err error) []string {
	messages := []string{}
	if err == nil {
		return messages
	}
	var multi *multierror.Error
	if errors.As(err, &multi) && multi != nil {
		for _, e := range multi.Errors {
			messages = append(messages, flatten(e)...)
		}
		return messages
	}
	return append(messages, err.Error())
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "validate-config:", err)
	os.Exit(1)
}
