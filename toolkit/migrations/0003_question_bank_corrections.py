"""Corrections to the question bank and content, for databases loaded before them.

``load_question_bank`` loads fixtures/ only into an empty database, so a database loaded earlier
keeps the old text. On a new, empty database this changes nothing: the fixtures already hold the
corrections.

- Each correction is applied only where the row still holds exactly what was loaded, so nothing
  an admin has changed since is overwritten.
- Questions, sections and options are found by what stays the same across versions (the step,
  a section's slug, a question's key, an option's value) in the step's published questionnaire.
- A published questionnaire that submitted assessments were made from is never changed in
  place, because its reports must read the same as when they were shown: it is copied as the
  next version, the corrections are made to the copy, and the copy is published.
- Content (councils, guidance, reading, experts, case studies) is corrected in place.
"""

from django.db import migrations
from django.db.models import Max
from django.utils import timezone

# Question bank: (model, natural key, field, as loaded before, corrected). Natural keys:
# questionnaire (step,), section (step, slug), question (step, key), option (step, key, value).
BANK = [('question',
  ('self', 'self-attractive-offer'),
  'hint',
  'Would another council want what you have: a service that performs well, at a cost that compares well? If '
  "not, you may be looking to join a partner's service rather than lead one.",
  'Would another council want what you have: a service that performs well, at a cost that compares well? '
  "This is a gate question: a 'No' caps the verdict at 'Not ready yet', and the summary shows what to work "
  "on first, starting with the service's costs and performance."),
 ('question',
  ('self', 'self-benchmarked'),
  'hint',
  'For example with statistically similar councils, neighbours, or all councils. The 2010 guide pointed to '
  "the Audit Commission's value for money profiles, CIPFA's support services data, the corporate services "
  'value for money indicators and benchmarking clubs; check which sources are current.',
  'For example with statistically similar councils, neighbours, or all councils. The LGA guide (2011) '
  "pointed to the Audit Commission's value for money profiles, CIPFA's support services data, the corporate "
  'services value for money indicators and benchmarking clubs; check which sources are current.'),
 ('question',
  ('self', 'self-in-house-or-outsourced'),
  'hint',
  'One of the four key design questions in the IES case studies. Outsourcing can give faster access to new '
  'technology; in-house keeps control and local jobs.',
  'One of the four key design questions in the IES case studies: the choice turns on which provider can give '
  'the service you need, and at what cost. Outsourcing can give faster access to new technology, such as '
  'self-service, and faster savings.'),
 ('question',
  ('self', 'self-legal-advice'),
  'hint',
  'Signpost only: the 2010 guide lists powers councils used to share, such as sections 101, 102 and 113 of '
  'the Local Government Act 1972 and section 75 of the NHS Act 2006. The law may have changed since; your '
  'legal advisers can give the current position.',
  'Signpost only: the LGA guide (2011) lists powers councils used to share, such as sections 101, 102 and '
  '113 of the Local Government Act 1972 and section 75 of the NHS Act 2006. The law may have changed since; '
  'your legal advisers can give the current position.'),
 ('question',
  ('self', 'self-briefing-date'),
  'text',
  'By when will the portfolio members be briefed?',
  'By when will all the portfolio members be briefed?'),
 ('question', ('self', 'self-briefing-date'), 'show_when_value', 'no', 'no,partly'),
 ('question',
  ('self', 'self-sovereignty-concerns'),
  'hint',
  'Answering yes is common and not a reason to stop, but the concerns need to be understood and answered.',
  'Not scored: concerns like these are common and not a reason to stop, but they need to be understood and '
  'answered. The next question asks how.'),
 ('question', ('self', 'self-sovereignty-concerns'), 'weight', 1, 0),
 ('option', ('self', 'self-sovereignty-concerns', 'partly'), 'score', 50, 0),
 ('option', ('self', 'self-sovereignty-concerns', 'no'), 'score', 100, 0),
 ('question', ('self', 'self-sovereignty-response'), 'show_when_value', 'yes', 'yes,partly'),
 ('question',
  ('self', 'self-staff-told'),
  'hint',
  'The more staff help to design the new service, the more they will own it.',
  "Merton's first 'don't proceed without' lesson: the more staff help to design their new service, the "
  'better.'),
 ('question', ('self', 'self-staff-told'), 'source', '004_69d23a5f6650a130.txt', '000_89f19df402329646.txt'),
 ('question',
  ('self', 'self-contracts-tie-in'),
  'hint',
  'Think of outsourcing, supplier, IT and property contracts. Answering yes is not a bar, but it sets the '
  'timetable.',
  "Not scored: think of outsourcing, supplier, IT and property contracts. A 'Yes' is not a bar, but it sets "
  'the timetable; the next questions ask when the contract ends and what leaving early would cost.'),
 ('question', ('self', 'self-contracts-tie-in'), 'weight', 2, 0),
 ('option', ('self', 'self-contracts-tie-in', 'no'), 'score', 100, 0),
 ('section',
  ('joint', 'finances'),
  'guidance',
  "Merton advises being clear early about joint budgets, income and overheads. Give your own council's "
  'figures for the services in scope and say how you think costs and savings should be shared. The sources '
  "show councils splitting them by population, in equal shares, by each partner's share of the baseline "
  'spend, or by agreed percentages.',
  "Merton advises being clear early about joint budgets, income and overheads. Give your own council's "
  'figures for the services in scope and say how you think costs and savings should be shared. In the '
  'sources, East Lindsey and South Holland split theirs by population, and Bromsgrove and Redditch shared '
  "redundancy costs equally; splitting by each partner's share of the baseline spend, or by agreed "
  'percentages, is also common practice.'),
 ('question',
  ('joint', 'joint-savings-split'),
  'hint',
  'This is compared, not scored: partners need to agree one method before the business case.',
  "Compared, not scored: partners need to agree one method before the business case. The LGA guide's "
  'examples split by population (East Lindsey and South Holland) and in equal shares (Bromsgrove and '
  "Redditch's redundancy costs); the other two methods are common practice, though the sources give no "
  'example.'),
 ('section',
  ('joint', 'procurement-and-contracts'),
  'guidance',
  'Agree early how the shared service will buy its technology and kit, and whose procurement rules apply. '
  'Existing contracts can hold a council back until they end, as the South London Waste Partnership found. '
  'Procurement rules named in the sources date from 2010 and are signposts only: ask your procurement and '
  'legal teams for current advice.',
  'Agree early how the shared service will buy its technology and kit, and whose procurement rules apply. '
  'Existing contracts can hold a council back until they end, as the South London Waste Partnership found. '
  'What the sources say about procurement rules dates from 2011 or earlier and is a signpost only: ask your '
  'procurement and legal teams for current advice.'),
 ('question',
  ('joint', 'joint-contracts-tie-in'),
  'hint',
  "Think of outsourced services, IT and equipment contracts, and leases. A 'Yes' here is a timing risk, not "
  'a reason to stop.',
  "Compared, not scored. Think of outsourced services, IT and equipment contracts, and leases. A 'Yes' here "
  'is a timing risk, not a reason to stop: partners compare contract end dates to plan when each can join.'),
 ('question', ('joint', 'joint-contracts-tie-in'), 'weight', 2, 0),
 ('option', ('joint', 'joint-contracts-tie-in', 'no'), 'score', 100, 0),
 ('question',
  ('joint', 'joint-willing-to-relocate'),
  'hint',
  'Include any limits, such as keeping a local presence, in the comment.',
  'Compared, not scored: many shared services work across sites, so this matters only where the partners '
  'want the team in one place. Include any limits, such as keeping a local presence, in the comment.'),
 ('question', ('joint', 'joint-willing-to-relocate'), 'weight', 1, 0),
 ('option', ('joint', 'joint-willing-to-relocate', 'yes'), 'score', 100, 0),
 ('option', ('joint', 'joint-willing-to-relocate', 'partly'), 'score', 50, 0),
 ('question',
  ('joint', 'joint-members-briefing-date'),
  'text',
  'By when will your portfolio members be briefed?',
  'By when will all your portfolio members be briefed?'),
 ('question', ('joint', 'joint-members-briefing-date'), 'show_when_value', 'no', 'no,partly'),
 ('question',
  ('joint', 'joint-employment-model'),
  'hint',
  'Compared, not scored. The LGA guide (2010) describes staff transfers under TUPE and placing officers with '
  'another council under section 113 of the Local Government Act 1972; check current law with your HR and '
  'legal teams.',
  'Compared, not scored. The LGA guide (2011) describes staff transfers under TUPE and placing officers with '
  'another council under section 113 of the Local Government Act 1972; check current law with your HR and '
  'legal teams.'),
 ('question', ('joint', 'joint-systems-to-keep'), 'show_when_value', 'no', 'no,partly'),
 ('section',
  ('joint', 'pace-and-collaboration'),
  'guidance',
  "Sutton found that 'shared service' means different things to different people, so it maps its "
  'arrangements on a Resource vs Speed pyramid and agrees terms with partners early. Say what kind of '
  'collaboration and delivery model your council has in mind, and whether it wants a big bang or organic '
  'change. Legal models named here come from the LGA guide (2010) and are signposts, not current legal '
  'advice.',
  "Partners should agree early what they each mean by 'shared service': Sutton maps its arrangements on a "
  'Resource vs Speed pyramid. Say what kind of collaboration and delivery model your council has in mind, '
  'and whether it wants a big bang or organic change. The kinds of collaboration follow the West Midlands '
  "slides and the LGA guide's examples; the delivery models and the choice between big bang and organic "
  'change come from the LGA guide (2011), and its legal models are signposts, not current legal advice.'),
 ('section',
  ('joint', 'pace-and-collaboration'),
  'source',
  '001_7a5597624470dbfa.txt',
  '002_3629ed7e1db573a4.txt'),
 ('question',
  ('joint', 'joint-collaboration-type'),
  'source',
  '001_7a5597624470dbfa.txt',
  '003_ad2021519356bd22.txt'),
 ('question',
  ('joint', 'joint-delivery-model'),
  'hint',
  'Compared, not scored. The LGA guide (2010) links these models to sections 101, 102 and 113 of the Local '
  'Government Act 1972 and, for companies, the Teckal exemption; take legal advice.',
  'Compared, not scored. The LGA guide (2011) links these models to sections 101, 102 and 113 of the Local '
  'Government Act 1972 and, for companies, the Teckal exemption; take legal advice.'),
 ('questionnaire',
  ('design',),
  'introduction',
  'The partners fill in this business-case outline together, one page at a time, and can save and come back '
  'later. The pages follow the order of the HM Treasury Five Case Model: strategic, economic, commercial, '
  "financial and management. The business case is not ready for sign-off until the five 'don't proceed "
  "without' items of the Merton toolkit are in place.",
  'The partners fill in this business-case outline together, one page at a time, and can save and come back '
  "later. It follows HM Treasury's Five Case Model for business cases: the pages run in the model's order, "
  'strategic, economic, commercial, financial and management, and each page says which case it feeds. The '
  "business case is not ready for sign-off until the five 'don't proceed without' items of the Merton "
  'toolkit are in place.'),
 ('section',
  ('design', 'options-and-benefits'),
  'guidance',
  'Show that sharing is the best way to meet the objectives, compared with the alternatives, and set out the '
  'benefits that are not measured in money, such as resilience and service quality. Understand and quantify '
  'the benefits, and plan how they will be realised. This page feeds the economic case.',
  'This page is the economic case of the Five Case Model. Show that sharing is the best way to meet the '
  'objectives by comparing it with the other options, including carrying on as now, and set out the '
  'benefits, including those not measured in money, such as resilience and service quality, with a plan to '
  'realise them.'),
 ('section',
  ('design', 'options-and-benefits'),
  'source',
  '002_3629ed7e1db573a4.txt',
  'hmt-five-case-model-2026'),
 ('question',
  ('design', 'design-options-appraisal'),
  'hint',
  'Options include stopping the service, re-engineering it in-house, outsourcing it and sharing it. The '
  'appraisal can weigh non-financial outcomes, such as keeping jobs local, as well as cost.',
  "The Five Case Model's economic case compares a shortlist of options that always includes carrying on as "
  'now (business as usual) and a do-minimum option. For a shared service the options usually also include '
  "the LGA guide's alternatives: stopping the service, re-engineering it in-house and outsourcing it. Weigh "
  'non-financial outcomes, such as keeping jobs local, as well as cost.'),
 ('question',
  ('design', 'design-options-appraisal'),
  'source',
  '002_3629ed7e1db573a4.txt',
  'hmt-five-case-model-2026'),
 ('section',
  ('design', 'delivery-model'),
  'guidance',
  'Choose how the shared service will be run, who will employ the staff and on what legal basis. The models '
  'below are the ones the LGA guide (March 2011) describes; they are signposts to discuss with your legal '
  'advisers, not legal advice, and the law may have changed since. This page feeds the commercial case.',
  'Choose how the shared service will be run, who will employ the staff and on what legal basis. The models '
  'below are the ones the LGA guide (2011) describes; they are signposts to discuss with your legal '
  'advisers, not legal advice, and the law may have changed since. This page feeds the commercial case.'),
 ('question',
  ('design', 'design-delivery-model'),
  'hint',
  "The legal bases named here are those cited in the Local Government Group guide 'Shared services and "
  "management: a guide for councils' (March 2011). This is a signpost, not legal advice: the law may have "
  'changed since, so ask your legal advisers.',
  "The legal bases named here are those cited in the Local Government Group guide 'Shared services and "
  "management: a guide for councils' (2011). This is a signpost, not legal advice: the law may have changed "
  'since, so ask your legal advisers.'),
 ('question',
  ('design', 'design-teckal'),
  'hint',
  'The LGA guide (March 2011) describes the Teckal exemption as narrowly construed: the councils need the '
  'same control over the company as over their own departments, the company must mainly serve them, and it '
  'cannot apply where there is private capital. It notes a Supreme Court ruling of February 2011 on joint '
  'control. This is a signpost, not legal advice: the law may have changed since, so ask your legal '
  'advisers.',
  'The LGA guide (2011) describes the Teckal exemption as narrowly construed: the councils need the same '
  'control over the company as over their own departments, the company must mainly serve them, and it cannot '
  'apply where there is private capital. It notes a Supreme Court ruling of February 2011 on joint control. '
  'This is a signpost, not legal advice: the law may have changed since, so ask your legal advisers.'),
 ('question',
  ('design', 'design-joint-venture-guidance'),
  'hint',
  "The LGA guide (March 2011) points councils to 'Joint Ventures: a guidance note for public sector bodies "
  "forming joint ventures with the private sector' (HM Treasury, 2010). This is a signpost, not legal "
  'advice: the law may have changed since, so ask your legal advisers.',
  "The LGA guide (2011) points councils to 'Joint Ventures: a guidance note for public sector bodies forming "
  "joint ventures with the private sector' (HM Treasury, 2010). This is a signpost, not legal advice: the "
  'law may have changed since, so ask your legal advisers.'),
 ('section',
  ('design', 'financial-case'),
  'guidance',
  "Set the savings you expect against today's costs and the cost of setting up, and agree how costs and "
  'savings will be shared between the partners. Give figures for the combined partnership and explain each '
  "partner's share; base them on data the partners have shared on a like-for-like basis. This page feeds the "
  'financial case.',
  'This page is the financial case of the Five Case Model: show that the shared service is affordable and '
  "how it will be funded. Set the savings you expect against today's costs (the baseline) and the one-off "
  'cost of setting up, say what each partner will contribute, and agree how costs and savings will be '
  "shared. Give figures for the combined partnership and for each partner's share, based on data the "
  'partners have shared on a like-for-like basis.'),
 ('section', ('design', 'financial-case'), 'source', '002_3629ed7e1db573a4.txt', 'hmt-five-case-model-2026'),
 ('question',
  ('design', 'design-savings-accommodation'),
  'hint',
  'For example from co-locating teams and giving up buildings.',
  'For example from co-locating teams and giving up buildings: the IES case studies count premises among the '
  'overheads that sharing can cut.'),
 ('question',
  ('design', 'design-savings-accommodation'),
  'source',
  '002_3629ed7e1db573a4.txt',
  '004_69d23a5f6650a130.txt'),
 ('question',
  ('design', 'design-apportionment'),
  'hint',
  'East Lindsey and South Holland used population (63% and 37%); Bromsgrove and Redditch shared redundancy '
  'costs equally.',
  'East Lindsey and South Holland used population (63% and 37%); Bromsgrove and Redditch shared redundancy '
  "costs equally. Splitting by each partner's share of the baseline spend, or by agreed percentages, is also "
  'common practice, though the sources give no example.'),
 ('question',
  ('design', 'design-agreed-percentages'),
  'hint',
  'Say whether the same percentages apply to set-up costs, running costs and savings.',
  'Say whether the same percentages apply to set-up costs, running costs and savings. East Lindsey and South '
  'Holland, for example, used the same population shares (63 and 37 per cent) for their transition fund and '
  'for their savings.'),
 ('question',
  ('design', 'design-agreed-percentages'),
  'source',
  '004_69d23a5f6650a130.txt',
  '002_3629ed7e1db573a4.txt'),
 ('question',
  ('design', 'design-business-case-signed-off'),
  'text',
  'Has the business case, setting out the benefits expected, been signed off by every partner before '
  'delivery begins?',
  'Is the business case, setting out the benefits expected, ready for every partner to sign off before '
  'delivery begins?'),
 ('question',
  ('design', 'design-business-case-signed-off'),
  'hint',
  "Sign-off is by each partner's decision makers. A Gateway lesson (OGC, 2008, quoted in the LGA guide) "
  "adds: keep the business case under regular review once delivery starts. One of the five 'don't proceed "
  "without' items of the Merton toolkit: the business case is not ready for sign-off until the answer is "
  'yes.',
  "Ready means each partner's decision makers have what they need to sign it off: the benefits expected, and "
  'the costs, risks and shares that go with them. The sign-off itself comes once this outline is complete, '
  'and must come before delivery begins. A Gateway lesson (OGC, 2008, quoted in the LGA guide) adds: keep '
  "the business case under regular review once delivery starts. One of the five 'don't proceed without' "
  'items of the Merton toolkit.')]

# Content and councils: (model, primary key, field, as loaded before, corrected).
CONTENT = [('council', 1, 'population_source', '', 'ons-census-2011'),
 ('council', 2, 'population_source', '', 'ons-census-2011'),
 ('council', 3, 'population_source', '', 'ons-census-2011'),
 ('council', 4, 'population_source', '', 'ons-census-2011'),
 ('council', 5, 'population_source', '', 'ons-census-2011'),
 ('council', 6, 'population', 121108, 120988),
 ('council', 6, 'population_source', '', 'ons-census-2011'),
 ('council', 7, 'population_source', '', 'ons-census-2011'),
 ('council', 8, 'population_source', '', 'ons-census-2011'),
 ('reading',
  4,
  'description',
  'Covers making collaborative services happen, from a vision for change and options appraisal to '
  'implementation and new delivery systems; section 4 compares models of sharing. Recommended in the Merton '
  'toolkit and cited throughout the LGA guide.',
  'Covers making collaborative services happen, from a vision for change and options appraisal to '
  'implementation and new delivery systems; section 4 compares models of sharing. Cited throughout the LGA '
  'guide, and recommended in the Merton toolkit.'),
 ('reading', 4, 'source', '000_89f19df402329646.txt', '002_3629ed7e1db573a4.txt'),
 ('reading',
  19,
  'url',
  '',
  'http://www.localpartnerships.org.uk/UserFiles/File/4934%204ps%20Shaping%20Sol%20pr6%20.pdf'),
 ('reading',
  21,
  'url',
  '',
  'http://www.communities.gov.uk/publications/localgovernment/developinggovernmentservicesmark'),
 ('reading',
  23,
  'description',
  'Guidance on setting up HR shared services in councils (written with IES).',
  'Guidance on setting up HR shared services in councils.'),
 ('reading',
  28,
  'url',
  '',
  'http://www.ogc.gov.uk/documents/OGC_Programme_and_Projects_lessons_learnt_bulletin_-_Issue_1_October_2008.pdf'),
 ('reading',
  31,
  'url',
  '',
  'http://www.eastmidlandsiep.gov.uk/documents/news_info/Strategic%20Review%20of%20the%20Welland%20Partnership%20v1.248.pdf'),
 ('reading',
  38,
  'url',
  '',
  'http://www.southeastiep.gov.uk/uploads/files/PartnershipSupportOppReportESSUSharedServicesinBritain.pdf'),
 ('expertcontact', 16, 'email', '', 'k.dicks@bromsgrove.gov.uk'),
 ('expertcontact', 16, 'contact_published', None, 2011),
 ('expertcontact', 17, 'email', '', 'chiefexecutive@sholland.gov.uk'),
 ('expertcontact', 17, 'contact_published', None, 2011),
 ('expertcontact', 18, 'email', '', 'richard.samuel@thanet.gov.uk'),
 ('expertcontact', 18, 'contact_published', None, 2011),
 ('expertcontact', 19, 'email', '', 'John.Taylor@huntsdc.gov.uk'),
 ('expertcontact', 19, 'contact_published', None, 2011),
 ('expertcontact', 20, 'email', '', 'Chris.Hall@huntsdc.gov.uk'),
 ('expertcontact', 20, 'contact_published', None, 2011),
 ('expertcontact', 21, 'email', '', 'jason.whaler@nelincs.gov.uk'),
 ('expertcontact', 21, 'contact_published', None, 2011),
 ('expertcontact', 22, 'email', '', 'Cllr.Steveswift@northlincs.gov.uk'),
 ('expertcontact', 22, 'contact_published', None, 2011),
 ('expertcontact', 23, 'email', '', 'andrew.defreitas@nelincs.gov.uk'),
 ('expertcontact', 23, 'contact_published', None, 2011),
 ('expertcontact', 24, 'email', '', 'Ihalton@westdevon.gov.uk'),
 ('expertcontact', 24, 'contact_published', None, 2011),
 ('expertcontact', 25, 'email', '', 'peter.o-connell@sutton.gov.uk'),
 ('expertcontact', 25, 'contact_published', None, 2011),
 ('expertcontact', 26, 'email', '', 'colin.hall@sutton.gov.uk'),
 ('expertcontact', 26, 'contact_published', None, 2011),
 ('expertcontact', 27, 'email', '', 'steve.bishop@southandvale.gov.uk'),
 ('expertcontact', 27, 'contact_published', None, 2011),
 ('expertcontact',
  28,
  'organisation',
  'West Dorset District Council and Weymouth and Portland Borough Council',
  'Weymouth and Portland Borough Council'),
 ('expertcontact', 28, 'email', '', 'jasonvaughan@weymouth.gov.uk'),
 ('expertcontact', 28, 'contact_published', None, 2011),
 ('expertcontact', 29, 'email', '', 'cllra.alford@westdorset-dc.gov.uk'),
 ('expertcontact', 29, 'contact_published', None, 2011),
 ('expertcontact', 30, 'email', '', 'howardlegg94@hotmail.co.uk'),
 ('expertcontact', 30, 'contact_published', None, 2011),
 ('casestudy',
  12,
  'summary',
  'Cambridgeshire needed to upgrade an ageing Oracle system and Northamptonshire had no integrated ERP '
  'system, so they implemented one shared system designed so that up to eight other organisations could '
  'join. Separate company models were considered but judged legally risky at the time. Slough has agreed in '
  'principle to join. (The LGA guide reports £9 million of savings from this initiative so far and plans to '
  'cut service costs by 26 per cent within five years.)',
  'Cambridgeshire needed to upgrade an ageing Oracle system and Northamptonshire had no integrated ERP '
  'system, so they implemented one shared system designed so that up to eight other organisations could '
  'join. Separate company models were considered but judged legally risky at the time. Slough has agreed in '
  'principle to join.')]

# Rows added by the corrections, as in the fixtures.
NEW = [{'model': 'toolkit.expertcontact',
  'pk': 31,
  'fields': {'name': 'Jason Vaughan',
             'role': 'Director of Resources',
             'council': None,
             'organisation': 'West Dorset District Council',
             'area': 'Revenues and benefits partnership (Weymouth and Portland, West Dorset and Purbeck)',
             'source': '002_3629ed7e1db573a4.txt',
             'steps': ['joint', 'design'],
             'themes': [8, 11],
             'email': 'j.vaughan@westdorset-dc.gov.uk',
             'phone': '',
             'contact_published': 2011,
             'position': 31}}]

SUBMITTED = ["submitted", "awaiting_sign_off", "signed_off"]


def copy_as_new_version(apps, questionnaire):
    """Copy a published questionnaire as the step's next version, publish the copy and retire
    the original (what ``toolkit.questionnaires.copy_as_draft`` and ``publish`` do)."""
    Questionnaire = apps.get_model("toolkit", "Questionnaire")
    Section = apps.get_model("toolkit", "Section")
    Question = apps.get_model("toolkit", "Question")
    Option = apps.get_model("toolkit", "Option")
    version = Questionnaire.objects.filter(step_id=questionnaire.step_id).aggregate(v=Max("version"))["v"] + 1
    Questionnaire.objects.filter(pk=questionnaire.pk).update(status="retired")
    original_pk = questionnaire.pk
    copy = questionnaire
    copy.pk = None
    copy.version, copy.status, copy.published_at = version, "published", timezone.now()
    copy.save()
    copied = {}
    for section in Section.objects.filter(questionnaire_id=original_pk).order_by("position"):
        questions = list(Question.objects.filter(section=section).order_by("position"))
        section.pk, section.questionnaire = None, copy
        section.save()
        for question in questions:
            options = list(Option.objects.filter(question=question))
            old_pk = question.pk
            question.pk, question.section, question.questionnaire = None, section, copy
            question.save()
            copied[old_pk] = question
            Option.objects.bulk_create(
                Option(question=question, position=o.position, value=o.value, label=o.label, score=o.score) for o in options
            )
    for question in copied.values():
        if question.show_when_question_id:
            question.show_when_question = copied[question.show_when_question_id]
            question.save(update_fields=["show_when_question"])
    return copy


def target_questionnaires(apps):
    """Per step with corrections, the questionnaire to correct (a new version if need be)."""
    Questionnaire = apps.get_model("toolkit", "Questionnaire")
    Assessment = apps.get_model("toolkit", "Assessment")
    targets = {}
    for step in sorted({natural[0] for _, natural, *_ in BANK}):
        published = Questionnaire.objects.filter(step_id=step, status="published").first()
        if published is None:
            continue
        if Assessment.objects.filter(questionnaire=published, status__in=SUBMITTED).exists():
            published = copy_as_new_version(apps, published)
        targets[step] = published
    return targets


def rows(apps, model, natural, questionnaire):
    found = apps.get_model("toolkit", model).objects
    if model == "questionnaire":
        return found.filter(pk=questionnaire.pk)
    if model == "section":
        return found.filter(questionnaire=questionnaire, slug=natural[1])
    if model == "question":
        return found.filter(questionnaire=questionnaire, key=natural[1])
    return found.filter(question__questionnaire=questionnaire, question__key=natural[1], value=natural[2])


def correct(apps, schema_editor):
    targets = target_questionnaires(apps)
    for model, natural, field, before, after in BANK:
        if natural[0] in targets:
            rows(apps, model, natural, targets[natural[0]]).filter(**{field: before}).update(**{field: after})
    for model, pk, field, before, after in CONTENT:
        apps.get_model("toolkit", model).objects.filter(pk=pk, **{field: before}).update(**{field: after})
    add_new_rows(apps)


def add_new_rows(apps):
    ExpertContact = apps.get_model("toolkit", "ExpertContact")
    for row in NEW:
        fields = dict(row["fields"])
        # Only where the content was loaded before (its earlier contacts are there).
        loaded = ExpertContact.objects.filter(pk__lt=row["pk"]).exists()
        taken = ExpertContact.objects.filter(pk=row["pk"]).exists() or ExpertContact.objects.filter(email=fields["email"]).exists()
        if not loaded or taken:
            continue
        steps, themes = fields.pop("steps"), fields.pop("themes")
        contact = ExpertContact.objects.create(pk=row["pk"], **fields)
        contact.steps.set(steps)
        contact.themes.set(themes)


class Migration(migrations.Migration):
    dependencies = [("toolkit", "0002_core_for_three_steps")]

    operations = [migrations.RunPython(correct, migrations.RunPython.noop)]
