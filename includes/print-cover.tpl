{#- Cover of the PDF handout (mkdocs-print-site-plugin renders it with `config`). -#}
<div class="course-cover">
  <h1>{{ config.site_name }}</h1>
  <p class="course-cover__dates">{{ config.extra.course_dates }}</p>
  <p>{{ config.site_description }}</p>
  <p class="course-cover__source">Lessons written up from the instructor's class notes.
     Online: {{ config.site_url }}</p>
</div>
