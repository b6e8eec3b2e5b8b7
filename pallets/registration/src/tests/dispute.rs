//! Disputes raised by objections and complaints (Q32; YX-R §17(四)(五), §22 ¶2, §25(二)): they
//! block approval until their recorded resolution, and the application may be refused under
//! §17(四)/(五) meanwhile.

use super::*;
use crate::{
	DisputeFlags, DisputeSource, DisputeTarget, Error, ObjectionState, Objections, RaisedDispute,
	RaisedDisputes, RefusalGround,
};
use frame_support::{assert_noop, assert_ok};

const INTERESTED: DisputeFlags = DisputeFlags { interested_party: true, ownership: false };

/// An objection lodged by `OBJECTOR` on `app`, forwarded and rebutted.
fn rebutted(app: dengji_primitives::ApplicationId) -> crate::ObjectionId {
	let o = crate::NextObjectionId::<Test>::get();
	assert_ok!(lodge_as(OBJECTOR, app));
	assert_ok!(forward_as(COUNTY_OPERATOR, o));
	assert_ok!(Registration::submit_rebuttal(RuntimeOrigin::signed(SUBJECT), o, [13u8; 32]));
	o
}

fn decide_as_dispute(
	who: AccountId,
	o: crate::ObjectionId,
	flags: DisputeFlags,
) -> sp_runtime::DispatchResult {
	Registration::decide_objection_as_dispute(RuntimeOrigin::signed(who), o, flags, [14u8; 32])
}

/// Q32, YX-R §17(四), §22 ¶2: an objection decided as showing no agreement with an interested
/// party raises the dispute on its application with the objection as its source; both parties
/// are notified; approval waits for the recorded resolution (YX-R §17(四)(五)).
#[test]
fn objection_decided_as_dispute_blocks_approval_until_resolved_yx_r_17_4() {
	ExtBuilder::default().build_and_execute(|| {
		let id = published_default();
		let o = rebutted(id);
		assert_ok!(decide_as_dispute(COUNTY_OPERATOR, o, INTERESTED));
		assert_eq!(Objections::<Test>::get(o).unwrap().state, ObjectionState::Disputed);
		let (target, source) = (DisputeTarget::Application(id), DisputeSource::Objection(o));
		let raised = RaisedDisputes::<Test>::get(target, source).expect("raised");
		assert_eq!(raised.flags, INTERESTED);
		assert_eq!(raised.decision, [14u8; 32]);
		System::assert_has_event(
			Event::ObjectionDisputed {
				objection: o,
				application: id,
				flags: INTERESTED,
				decision: [14u8; 32],
				subject: subject(),
				objector: OBJECTOR,
			}
			.into(),
		);
		System::assert_has_event(
			Event::DisputeRaised {
				target,
				source,
				flags: INTERESTED,
				decision: [14u8; 32],
				at: raised.raised_at,
			}
			.into(),
		);
		// YX-R §22 ¶2: the outcome is fed back to both parties.
		let obj = Objections::<Test>::get(o).unwrap();
		assert!(obj.notified_at.is_some() && obj.objector_notified_at.is_some());
		// The objection is decided, the application is no longer held by it, but by the dispute.
		run_to_day(publicity_end(id) + 1);
		assert_noop!(approve_as(COUNTY_OPERATOR, id), Error::<Test>::DisputePending);
		// The manual flags do not clear it.
		assert_ok!(Registration::set_disputes(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			id,
			DisputeFlags::default(),
			[2u8; 32]
		));
		assert_noop!(approve_as(COUNTY_OPERATOR, id), Error::<Test>::DisputePending);
		// Only the recorded resolution does.
		assert_ok!(Registration::resolve_dispute(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			target,
			source,
			[15u8; 32]
		));
		assert!(!RaisedDisputes::<Test>::contains_key(target, source));
		System::assert_has_event(
			Event::DisputeResolved { target, source, resolution: [15u8; 32], at: mock_now() }
				.into(),
		);
		assert_ok!(approve_as(COUNTY_OPERATOR, id));
	});
}

/// Q32, YX-R §17(四)(五): while the raised dispute stands the application may be refused
/// (不予登记) on the dispute's ground after publicity.
#[test]
fn disputed_application_may_be_refused_under_yx_r_17_4() {
	ExtBuilder::default().build_and_execute(|| {
		let id = published_default();
		let o = rebutted(id);
		assert_ok!(decide_as_dispute(
			COUNTY_OPERATOR,
			o,
			DisputeFlags { interested_party: false, ownership: true }
		));
		run_to_day(publicity_end(id) + 1);
		assert_noop!(approve_as(COUNTY_OPERATOR, id), Error::<Test>::DisputePending);
		assert_ok!(Registration::refuse_registration(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			id,
			vec![RefusalGround::OwnershipDispute],
			[4u8; 32]
		));
		assert_eq!(state(id), crate::ApplicationState::Refused);
		// An ended application's dispute is not resolved any more.
		assert_noop!(
			Registration::resolve_dispute(
				RuntimeOrigin::signed(COUNTY_OPERATOR),
				DisputeTarget::Application(id),
				DisputeSource::Objection(o),
				[15u8; 32]
			),
			Error::<Test>::ApplicationClosed
		);
	});
}

/// Q32, YX-R §17(四)(五), §22 ¶2: each refusal of `decide_objection_as_dispute` is typed and
/// changes nothing.
#[test]
fn objection_dispute_refusals_are_typed() {
	ExtBuilder::default().build_and_execute(|| {
		let id = published_default();
		let o = crate::NextObjectionId::<Test>::get();
		assert_ok!(lodge_as(OBJECTOR, id));
		assert_noop!(
			decide_as_dispute(COUNTY_OPERATOR, o, DisputeFlags::default()),
			Error::<Test>::NoDisputeFlag
		);
		assert_noop!(
			decide_as_dispute(COUNTY_OPERATOR, 99, INTERESTED),
			Error::<Test>::ObjectionNotFound
		);
		assert_noop!(
			decide_as_dispute(KUNMING_OPERATOR, o, INTERESTED),
			Error::<Test>::NotOperator
		);
		assert_noop!(
			decide_as_dispute(COUNTY_OPERATOR, o, INTERESTED),
			Error::<Test>::ObjectionNotForwarded
		);
		assert_ok!(forward_as(COUNTY_OPERATOR, o));
		assert_noop!(
			decide_as_dispute(COUNTY_OPERATOR, o, INTERESTED),
			Error::<Test>::RebuttalPeriodRunning
		);
		assert_ok!(Registration::submit_rebuttal(RuntimeOrigin::signed(SUBJECT), o, [13u8; 32]));
		assert_ok!(decide_as_dispute(COUNTY_OPERATOR, o, INTERESTED));
		assert_noop!(
			decide_as_dispute(COUNTY_OPERATOR, o, INTERESTED),
			Error::<Test>::ObjectionAlreadyDecided
		);
		assert_noop!(
			Registration::decide_objection(
				RuntimeOrigin::signed(COUNTY_OPERATOR),
				o,
				true,
				[1u8; 32]
			),
			Error::<Test>::ObjectionAlreadyDecided
		);
		let (target, source) = (DisputeTarget::Application(id), DisputeSource::Objection(o));
		assert_noop!(
			Registration::resolve_dispute(
				RuntimeOrigin::signed(KUNMING_OPERATOR),
				target,
				source,
				[15u8; 32]
			),
			Error::<Test>::NotOperator
		);
		assert_noop!(
			Registration::resolve_dispute(
				RuntimeOrigin::signed(COUNTY_OPERATOR),
				target,
				DisputeSource::Objection(o + 1),
				[15u8; 32]
			),
			Error::<Test>::DisputeNotRaised
		);
		// Q10(f): a disputed objection is decided, so its review may be flagged.
		assert_ok!(Registration::set_objection_review(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			o,
			Some([16u8; 32])
		));
	});
}

/// Q32, YX-R §25(二), §17(四)(五): a complaint the data authority decided upheld against the
/// institution raises a dispute on its registration, with the complaint as its source: a
/// change of the registration is not approved until the resolution is recorded.
#[test]
fn upheld_complaint_raises_dispute_on_registration_yx_r_25() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let c = upheld_complaint(hongta()).expect("complaint");
		let target = DisputeTarget::Registration(reg);
		let raise = |who, c| {
			Registration::raise_complaint_dispute(
				RuntimeOrigin::signed(who),
				target,
				c,
				INTERESTED,
				[17u8; 32],
			)
		};
		assert_ok!(raise(COUNTY_OPERATOR, c));
		let source = DisputeSource::Complaint(c);
		assert_eq!(
			RaisedDisputes::<Test>::get(target, source),
			Some(RaisedDispute { flags: INTERESTED, decision: [17u8; 32], raised_at: mock_now() })
		);
		let id = next_application();
		assert_ok!(Registration::submit_change(RuntimeOrigin::signed(SUBJECT), reg, info("v2")));
		assert_ok!(accept_as(COUNTY_OPERATOR, id));
		assert_ok!(publish_as(COUNTY_OPERATOR, id));
		run_to_day(publicity_end(id) + 1);
		assert_noop!(approve_as(COUNTY_OPERATOR, id), Error::<Test>::DisputePending);
		assert_ok!(Registration::resolve_dispute(
			RuntimeOrigin::signed(COUNTY_OPERATOR),
			target,
			source,
			[18u8; 32]
		));
		assert_ok!(approve_as(COUNTY_OPERATOR, id));
	});
}

/// Q32, YX-R §25(二): each refusal of `raise_complaint_dispute` is typed and changes nothing.
#[test]
fn complaint_dispute_refusals_are_typed() {
	ExtBuilder::default().build_and_execute(|| {
		let id = published_default();
		let target = DisputeTarget::Application(id);
		let raise = |who, target, c, flags| {
			Registration::raise_complaint_dispute(
				RuntimeOrigin::signed(who),
				target,
				c,
				flags,
				[17u8; 32],
			)
		};
		let c = upheld_complaint(hongta()).expect("complaint");
		assert_noop!(
			raise(COUNTY_OPERATOR, target, c, DisputeFlags::default()),
			Error::<Test>::NoDisputeFlag
		);
		assert_noop!(
			raise(COUNTY_OPERATOR, DisputeTarget::Application(99), c, INTERESTED),
			Error::<Test>::ApplicationNotFound
		);
		assert_noop!(
			raise(COUNTY_OPERATOR, DisputeTarget::Registration(99), c, INTERESTED),
			Error::<Test>::RegistrationNotFound
		);
		assert_noop!(raise(KUNMING_OPERATOR, target, c, INTERESTED), Error::<Test>::NotOperator);
		// Not decided yet, or dismissed: no dispute.
		let open = pallet_institutions::NextComplaintId::<Test>::get();
		assert_ok!(Institutions::lodge_complaint(RuntimeOrigin::root(), hongta(), [40u8; 32]));
		assert_noop!(
			raise(COUNTY_OPERATOR, target, open, INTERESTED),
			Error::<Test>::ComplaintNotUpheld
		);
		assert_ok!(Institutions::decide_complaint(
			RuntimeOrigin::root(),
			open,
			pallet_institutions::types::ComplaintOutcome::Dismissed,
			[41u8; 32]
		));
		assert_noop!(
			raise(COUNTY_OPERATOR, target, open, INTERESTED),
			Error::<Test>::ComplaintNotUpheld
		);
		assert_noop!(
			raise(COUNTY_OPERATOR, target, 99, INTERESTED),
			Error::<Test>::ComplaintNotUpheld
		);
		// Upheld against another institution.
		let other = upheld_complaint(kunming()).expect("complaint");
		assert_noop!(
			raise(COUNTY_OPERATOR, target, other, INTERESTED),
			Error::<Test>::ComplaintAboutOtherInstitution
		);
		assert_ok!(raise(COUNTY_OPERATOR, target, c, INTERESTED));
		assert_noop!(
			raise(COUNTY_OPERATOR, target, c, INTERESTED),
			Error::<Test>::DisputeAlreadyRaised
		);
		// The data authority that decided a complaint may raise the dispute itself.
		let c2 = upheld_complaint(hongta()).expect("complaint");
		assert_ok!(Registration::raise_complaint_dispute(
			RuntimeOrigin::root(),
			target,
			c2,
			DisputeFlags { interested_party: false, ownership: true },
			[19u8; 32]
		));
		assert!(RaisedDisputes::<Test>::contains_key(target, DisputeSource::Complaint(c2)));
		// Still checked: only an upheld complaint about this institution.
		assert_noop!(
			Registration::raise_complaint_dispute(
				RuntimeOrigin::root(),
				target,
				other,
				INTERESTED,
				[19u8; 32]
			),
			Error::<Test>::ComplaintAboutOtherInstitution
		);
	});
}

/// Chain time now.
fn mock_now() -> dengji_primitives::Moment {
	<Calendar as dengji_primitives::traits::Clock>::now()
}
