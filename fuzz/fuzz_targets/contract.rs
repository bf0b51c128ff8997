//! Contract files are written by hand and handed around: any text must read as a contract or
//! as a list of problems, never a panic. A contract that reads must hold what the checks
//! promise: a term that does not end before it starts, service hours that start before they
//! end, and every problem of a refused one at a real line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use otss::contract::{Contract, ContractError};
use otss::i18n::Lang;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match Contract::parse(&text, "fuzz.toml") {
        Ok(contract) => {
            assert!(contract.start <= contract.end, "term ends before it starts");
            assert!(
                contract.hours.start < contract.hours.end,
                "empty service hours"
            );
            // Everything `contract show` does with a contract must work too.
            let _ = contract.service_items();
            serde_json::to_string(&contract).expect("a contract serialises");
        }
        Err(ContractError::Problems { problems, .. }) => {
            assert!(!problems.is_empty(), "refused without a problem");
            let lines = text.lines().count().max(1);
            for problem in &problems {
                assert!(
                    (1..=lines + 1).contains(&problem.line),
                    "problem at line {} of {lines}: {:?}",
                    problem.line,
                    problem.kind
                );
            }
            let origin = "fuzz.toml".to_string();
            let error = ContractError::Problems { origin, problems }.into();
            for lang in Lang::ALL {
                let _ = lang.messages().error(&error);
            }
        }
        Err(ContractError::TooLarge { .. }) => {}
    }
});
