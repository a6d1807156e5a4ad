{{- define "weir.name" -}}weir{{- end -}}

{{- define "weir.fullname" -}}
{{- if contains "weir" .Release.Name -}}{{ .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else -}}{{ printf "%s-weir" .Release.Name | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- end -}}

{{- define "weir.selectorLabels" -}}
app.kubernetes.io/name: weir
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "weir.labels" -}}
{{ include "weir.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "weir.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}{{ default (include "weir.fullname" .) .Values.serviceAccount.name }}
{{- else -}}{{ default "default" .Values.serviceAccount.name }}{{- end -}}
{{- end -}}

{{/* Whether Weir's credential impersonates people: header, and oidc in impersonate mode. */}}
{{- define "weir.impersonates" -}}
{{- if or (eq .Values.auth.mode "header") (and (eq .Values.auth.mode "oidc") (eq .Values.auth.oidc.mode "impersonate")) -}}true{{- end -}}
{{- end -}}

{{/* Whether people sign in and get a session (token, oidc). */}}
{{- define "weir.signsIn" -}}
{{- if has .Values.auth.mode (list "token" "oidc") -}}true{{- end -}}
{{- end -}}

{{/*
The CRDs of Argo Rollouts and Flagger Canaries, by name: where one is absent nothing of its
kind can exist, and a write lists none. Cluster-scoped, so in a ClusterRole whatever the scope
(a Role's rule for them grants nothing).
*/}}
{{- define "weir.controllerDefinitionRules" -}}
- apiGroups: [apiextensions.k8s.io]
  resources: [customresourcedefinitions]
  verbs: [get, list, watch]
  resourceNames: [rollouts.argoproj.io, canaries.flagger.app]
{{- end -}}

{{/*
Weir's own rights, exactly as README's "Who may do what" lists them. Reading is what the
watch cache holds, plus history (read and create) and Argo Rollouts (list, for locks).
*/}}
{{- define "weir.readRules" -}}
- apiGroups: [""]
  resources: [services, pods]
  verbs: [get, list, watch]
- apiGroups: [networking.istio.io]
  resources: [gateways, virtualservices, destinationrules, serviceentries, sidecars]
  verbs: [get, list, watch]
- apiGroups: [gateway.networking.k8s.io]
  resources: [gateways, gatewayclasses, httproutes, grpcroutes, tcproutes, tlsroutes, referencegrants]
  verbs: [get, list, watch]
- apiGroups: [weir.dev]
  resources: [routingchanges]
  verbs: [get, list, watch, create]
- apiGroups: [argoproj.io]
  resources: [rollouts]
  verbs: [list, watch]
- apiGroups: [flagger.app]
  resources: [canaries]
  verbs: [list, watch]
{{- if eq .Values.auth.mode "local" }}
# local: nobody signs in, so Weir's credential is the operator's.
- apiGroups: [networking.istio.io]
  resources: [gateways, virtualservices, destinationrules, serviceentries]
  verbs: [create, update, patch, delete]
- apiGroups: [gateway.networking.k8s.io]
  resources: [httproutes, grpcroutes, tcproutes, tlsroutes]
  verbs: [create, update, patch, delete]
# Gateway API Gateways: their listeners are edited (update), never created or deleted.
- apiGroups: [gateway.networking.k8s.io]
  resources: [gateways]
  verbs: [update]
# ReferenceGrants: created to let a refused cross-namespace reference through, deleted by its undo.
- apiGroups: [gateway.networking.k8s.io]
  resources: [referencegrants]
  verbs: [create, delete]
{{- end }}
{{- end -}}
