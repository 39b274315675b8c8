package cdk

import (
	"github.com/ldkdev/ldk/appmodel"
)

// mockResponse is the fixed answer of a REST MOCK integration, when ldk
// can tell it (see appmodel.MockAnswer).
func (st *stack) mockResponse(integ map[string]any, path string) (*appmodel.MockResponse, bool) {
	var request string
	if tpls, ok := st.resolve(integ["RequestTemplates"], path+".RequestTemplates").(map[string]any); ok {
		request = st.toString(tpls["application/json"], path+".RequestTemplates.application/json")
	}

	list, _ := st.list(integ["IntegrationResponses"], path+".IntegrationResponses")
	responses := make([]appmodel.IntegrationResponse, 0, len(list))
	for i, r := range list {
		rpath := path + ".IntegrationResponses[" + itoa(i) + "]"
		resp, ok := st.resolve(r, rpath).(map[string]any)
		if !ok {
			continue
		}
		ir := appmodel.IntegrationResponse{
			SelectionPattern: st.toString(resp["SelectionPattern"], rpath+".SelectionPattern"),
			StatusCode:       st.toString(resp["StatusCode"], rpath+".StatusCode"),
			Parameters:       map[string]string{},
		}
		params, _ := st.resolve(resp["ResponseParameters"], rpath+".ResponseParameters").(map[string]any)
		for _, k := range sortedKeys(params) {
			ir.Parameters[k] = st.toString(params[k], rpath+".ResponseParameters."+k)
		}
		if tpls, ok := st.resolve(resp["ResponseTemplates"], rpath+".ResponseTemplates").(map[string]any); ok {
			ir.Template = st.toString(tpls["application/json"], rpath+".ResponseTemplates.application/json")
		}
		responses = append(responses, ir)
	}
	return appmodel.MockAnswer(request, responses)
}
