package hnn

import (
	"reflect"
	"testing"
)

// hnnCoreDefaults are the numeric entries of hnn-core's
// params_default.get_L2Pyr_params_default() and get_L5Pyr_params_default()
// (hnn-core 5ca983a3), printed by Python from that module.
var hnnCoreDefaults = map[string]map[string]float64{
	"L2Pyr": {
		"L2Pyr_soma_L":             22.1,
		"L2Pyr_soma_diam":          23.4,
		"L2Pyr_soma_cm":            0.6195,
		"L2Pyr_soma_Ra":            200.0,
		"L2Pyr_dend_cm":            0.6195,
		"L2Pyr_dend_Ra":            200.0,
		"L2Pyr_apicaltrunk_L":      59.5,
		"L2Pyr_apicaltrunk_diam":   4.25,
		"L2Pyr_apical1_L":          306.0,
		"L2Pyr_apical1_diam":       4.08,
		"L2Pyr_apicaltuft_L":       238.0,
		"L2Pyr_apicaltuft_diam":    3.4,
		"L2Pyr_apicaloblique_L":    340.0,
		"L2Pyr_apicaloblique_diam": 3.91,
		"L2Pyr_basal1_L":           85.0,
		"L2Pyr_basal1_diam":        4.25,
		"L2Pyr_basal2_L":           255.0,
		"L2Pyr_basal2_diam":        2.72,
		"L2Pyr_basal3_L":           255.0,
		"L2Pyr_basal3_diam":        2.72,
		"L2Pyr_ampa_e":             0.0,
		"L2Pyr_ampa_tau1":          0.5,
		"L2Pyr_ampa_tau2":          5.0,
		"L2Pyr_nmda_e":             0.0,
		"L2Pyr_nmda_tau1":          1.0,
		"L2Pyr_nmda_tau2":          20.0,
		"L2Pyr_gabaa_e":            -80.0,
		"L2Pyr_gabaa_tau1":         0.5,
		"L2Pyr_gabaa_tau2":         5.0,
		"L2Pyr_gabab_e":            -80.0,
		"L2Pyr_gabab_tau1":         1.0,
		"L2Pyr_gabab_tau2":         20.0,
		"L2Pyr_soma_gkbar_hh2":     0.01,
		"L2Pyr_soma_gnabar_hh2":    0.18,
		"L2Pyr_soma_el_hh2":        -65.0,
		"L2Pyr_soma_gl_hh2":        4.26e-05,
		"L2Pyr_soma_gbar_km":       250.0,
		"L2Pyr_dend_gkbar_hh2":     0.01,
		"L2Pyr_dend_gnabar_hh2":    0.15,
		"L2Pyr_dend_el_hh2":        -65.0,
		"L2Pyr_dend_gl_hh2":        4.26e-05,
		"L2Pyr_dend_gbar_km":       250.0,
	},
	"L5Pyr": {
		"L5Pyr_soma_L":             39.0,
		"L5Pyr_soma_diam":          28.9,
		"L5Pyr_soma_cm":            0.85,
		"L5Pyr_soma_Ra":            200.0,
		"L5Pyr_dend_cm":            0.85,
		"L5Pyr_dend_Ra":            200.0,
		"L5Pyr_apicaltrunk_L":      102.0,
		"L5Pyr_apicaltrunk_diam":   10.2,
		"L5Pyr_apical1_L":          680.0,
		"L5Pyr_apical1_diam":       7.48,
		"L5Pyr_apical2_L":          680.0,
		"L5Pyr_apical2_diam":       4.93,
		"L5Pyr_apicaltuft_L":       425.0,
		"L5Pyr_apicaltuft_diam":    3.4,
		"L5Pyr_apicaloblique_L":    255.0,
		"L5Pyr_apicaloblique_diam": 5.1,
		"L5Pyr_basal1_L":           85.0,
		"L5Pyr_basal1_diam":        6.8,
		"L5Pyr_basal2_L":           255.0,
		"L5Pyr_basal2_diam":        8.5,
		"L5Pyr_basal3_L":           255.0,
		"L5Pyr_basal3_diam":        8.5,
		"L5Pyr_ampa_e":             0.0,
		"L5Pyr_ampa_tau1":          0.5,
		"L5Pyr_ampa_tau2":          5.0,
		"L5Pyr_nmda_e":             0.0,
		"L5Pyr_nmda_tau1":          1.0,
		"L5Pyr_nmda_tau2":          20.0,
		"L5Pyr_gabaa_e":            -80.0,
		"L5Pyr_gabaa_tau1":         0.5,
		"L5Pyr_gabaa_tau2":         5.0,
		"L5Pyr_gabab_e":            -80.0,
		"L5Pyr_gabab_tau1":         1.0,
		"L5Pyr_gabab_tau2":         20.0,
		"L5Pyr_soma_gkbar_hh2":     0.01,
		"L5Pyr_soma_gnabar_hh2":    0.16,
		"L5Pyr_soma_el_hh2":        -65.0,
		"L5Pyr_soma_gl_hh2":        4.26e-05,
		"L5Pyr_soma_gbar_ca":       60.0,
		"L5Pyr_soma_taur_cad":      20.0,
		"L5Pyr_soma_gbar_kca":      0.0002,
		"L5Pyr_soma_gbar_km":       200.0,
		"L5Pyr_soma_gbar_cat":      0.0002,
		"L5Pyr_soma_gbar_ar":       1e-06,
		"L5Pyr_dend_gkbar_hh2":     0.01,
		"L5Pyr_dend_gnabar_hh2":    0.14,
		"L5Pyr_dend_el_hh2":        -71.0,
		"L5Pyr_dend_gl_hh2":        4.26e-05,
		"L5Pyr_dend_gbar_ca":       60.0,
		"L5Pyr_dend_taur_cad":      20.0,
		"L5Pyr_dend_gbar_kca":      0.0002,
		"L5Pyr_dend_gbar_km":       200.0,
		"L5Pyr_dend_gbar_cat":      0.0002,
		"L5Pyr_dend_gbar_ar":       1e-06,
	},
}

// TestDefaultsAreHNNCore: every hnn-core parameter name is accepted by
// Override, and the defaults here equal hnn-core's values.
func TestDefaultsAreHNNCore(t *testing.T) {
	for prefix, def := range map[string]Pyramidal{"L2Pyr": DefaultL2Pyramidal(), "L5Pyr": DefaultL5Pyramidal()} {
		p := Pyramidal{V0: def.V0, ArDistance: def.ArDistance}
		if err := p.Override(prefix, hnnCoreDefaults[prefix]); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(p, def) {
			t.Errorf("%s: from hnn-core's names %+v\ndefault %+v", prefix, p, def)
		}
	}
}
